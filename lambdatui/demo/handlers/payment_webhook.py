"""payment-webhook: receives payment provider callbacks. Declined cards raise."""

from typing import Any

from shared import get_logger, money

logger = get_logger("payment-webhook")

DECLINED_CARD_SUFFIX = "0002"
LIMIT = money("5000")


class PaymentDeclinedError(Exception):
    """The provider refused the charge."""


def handler(event: dict[str, Any], context: Any) -> Any:
    payment = event.get("payment") or event
    amount = money(payment.get("amount", 0))
    card = str(payment.get("card", "4242424242424242"))
    logger.info("payment %s for %s on card ending %s", payment.get("id", "-"), amount, card[-4:])
    if card.endswith(DECLINED_CARD_SUFFIX):
        raise PaymentDeclinedError(f"card ending {card[-4:]} was declined")
    if amount > LIMIT:
        raise PaymentDeclinedError(f"amount {amount} exceeds the single-payment limit {LIMIT}")
    logger.info("payment captured")
    return {"status": "captured", "amount": str(amount)}
