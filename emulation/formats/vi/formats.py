"""Vietnamese formats, one for each kind of value everywhere: dates 05/12/2026, numbers 1.234,50 and 90,00.

Django's own Vietnamese formats write dates with dashes (05-12-2026); Vietnamese documents write them with slashes.
"""

DATE_FORMAT = r"\n\g\à\y j \t\h\á\n\g n \n\ă\m Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i, d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j/n"
YEAR_MONTH_FORMAT = "m/Y"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
