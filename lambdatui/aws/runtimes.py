"""When each Lambda runtime is deprecated: a dated table, kept by hand.

Source: the AWS Lambda Developer Guide, "Lambda runtimes" (Supported runtimes and Deprecated
runtimes tables, "Deprecation date" column) and "Runtime deprecation" (the policy),
https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html — taken 2026-12-07 (cross-
checked with endoflife.date/aws-lambda). AWS moves these dates; update the table and TAKEN
together. A runtime missing here (a new one, or ``provided`` custom images) is not flagged.
"""

from __future__ import annotations

from datetime import date

#: The day the table below was taken from the source.
TAKEN = date(2026, 12, 7)
#: A runtime whose deprecation is this close (days) is "soon deprecated".
SOON_DAYS = 180

DEPRECATION: dict[str, date] = {
    "nodejs24.x": date(2028, 4, 30),
    "nodejs22.x": date(2027, 4, 30),
    "nodejs20.x": date(2026, 4, 30),
    "nodejs18.x": date(2025, 9, 1),
    "nodejs16.x": date(2024, 6, 12),
    "nodejs14.x": date(2023, 12, 4),
    "nodejs12.x": date(2023, 3, 31),
    "python3.14": date(2029, 6, 30),
    "python3.13": date(2029, 6, 30),
    "python3.12": date(2028, 10, 31),
    "python3.11": date(2026, 6, 30),
    "python3.10": date(2026, 6, 30),
    "python3.9": date(2025, 12, 15),
    "python3.8": date(2024, 10, 14),
    "python3.7": date(2023, 12, 4),
    "java25": date(2029, 6, 30),
    "java21": date(2029, 6, 30),
    "java17": date(2026, 6, 30),
    "java11": date(2026, 6, 30),
    "java8.al2": date(2026, 6, 30),
    "java8": date(2024, 1, 8),
    "dotnet10": date(2028, 11, 14),
    "dotnet8": date(2026, 11, 10),
    "dotnet7": date(2024, 5, 14),
    "dotnet6": date(2024, 12, 20),
    "ruby3.4": date(2028, 3, 31),
    "ruby3.3": date(2027, 3, 31),
    "ruby3.2": date(2026, 3, 31),
    "ruby2.7": date(2023, 12, 7),
    "provided.al2023": date(2029, 6, 30),
    "provided.al2": date(2026, 6, 30),
    "provided": date(2024, 1, 8),
    "go1.x": date(2024, 1, 8),
}

SUPPORTED, SOON, DEPRECATED = "", "deprecated soon", "deprecated"


def runtime_standing(runtime: str, today: date) -> str:
    """'' (supported or unknown), 'deprecated soon' (within SOON_DAYS) or 'deprecated'."""
    when = DEPRECATION.get(runtime)
    if when is None:
        return SUPPORTED
    if when <= today:
        return DEPRECATED
    return SOON if (when - today).days <= SOON_DAYS else SUPPORTED
