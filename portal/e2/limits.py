"""Limits and enumerations of the e2 Reseller API, in one place.

Forms, the client and the sandbox all read these, so a limit is changed once.
"""

import re

EMAIL_MAX = 255
PASSWORD_MAX = 100  # length of the base64-encoded password the API receives
FIRST_NAME_MAX = 64
LAST_NAME_MAX = 64
REGION_MAX = 5
STORAGE_DN_MAX = 128
ACCESS_KEY_NAME_MAX = 64
ACCESS_KEY_MAX = 128
CNAME_MAX = 128
PUBLIC_KEY_MAX = 10000
PRIVATE_KEY_MAX = 6000
FILE_INDEX_MAX = 64
PASSPHRASE_MAX = 255

IDLE_TIMEOUT_MIN = 1
IDLE_TIMEOUT_MAX = 3600  # seconds
CORS_MAX_DOMAINS = 10
CORS_ALLOW_ALL = "*"

ACTIVITY_PAGE_SIZE = 200
ACTIVITY_MAX_DAYS = 90  # the consoles offer the last 90 days, as the vendor's does

SUBUSER_LIMIT = 25

PERMISSION_READ = 0
PERMISSION_WRITE = 1
PERMISSION_READ_WRITE = 2
PERMISSIONS = {
    PERMISSION_READ: "Read",
    PERMISSION_WRITE: "Write",
    PERMISSION_READ_WRITE: "Read/Write",
}

# Domains that belong to the vendor (api.idrivee2.com, storage hosts such as
# h4l1.ch.idrivee2-29.com): never usable as a CNAME, never shown to end customers.
VENDOR_DOMAIN_PATTERN = re.compile(r"(^|\.)idrive(e2)?(-\d+)?\.com\.?$", re.IGNORECASE)
VENDOR_API_URL = "https://api.idrivee2.com"
