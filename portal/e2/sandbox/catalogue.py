"""The region catalogue, shaped like the vendor's, and the storage DNs it hands out."""

import secrets
import string

# (region_key, region_name, country, region_code, active, hdd_storage, host number in the DN)
REGIONS = [
    ("OR", "Oregon", "United States", "us-or", True, False, 12),
    ("LA", "Los Angeles", "United States", "us-la", True, False, 17),
    ("SJ", "San Jose", "United States", "us-sj", True, True, 21),
    ("AZ", "Phoenix", "United States", "us-az", True, False, 14),
    ("TX", "Dallas", "United States", "us-tx", True, False, 33),
    ("CH", "Chicago", "United States", "us-ch", True, False, 29),
    ("VA", "Virginia", "United States", "us-va", True, True, 11),
    ("NY", "New York", "United States", "us-ny", True, False, 38),
    ("MIA", "Miami", "United States", "us-mia", True, False, 41),
    ("ATL", "Atlanta", "United States", "us-atl", False, False, 45),
    ("MTL", "Montreal", "Canada", "ca-mtl", True, False, 26),
    ("IE", "Ireland", "Ireland", "eu-ie", True, False, 44),
    ("LDN", "London", "United Kingdom", "eu-ldn", True, False, 36),
    ("FRA", "Frankfurt", "Germany", "eu-fra", True, True, 31),
    ("PAR", "Paris", "France", "eu-par", True, False, 35),
    ("MAD", "Madrid", "Spain", "eu-mad", True, False, 47),
    ("AMS", "Amsterdam", "Netherlands", "eu-ams", False, False, 49),
]

DEFAULT_CORS = "*"
STORAGE_PREFIX_ALPHABET = string.ascii_lowercase + string.digits


def list_regions():
    """The catalogue as the `GET /regions` answer lists it."""
    return [
        {
            "region_key": key,
            "region_name": name,
            "country": country,
            "region_code": code,
            "active": active,
            "hdd_storage": hdd,
            "cors": DEFAULT_CORS,
        }
        for key, name, country, code, active, hdd, _host in REGIONS
    ]


def find_region(region_key):
    """The catalogue entry for a region key (case-insensitive), or None."""
    for region in list_regions():
        if region["region_key"].upper() == region_key.upper():
            return region
    return None


def new_storage_dn(region_key, taken):
    """A storage DN like the vendor's, `h4l1.ch.idrivee2-29.com`, not in `taken`."""
    host_number = next(host for key, *_rest, host in REGIONS if key == region_key)
    while True:
        prefix = "".join(secrets.choice(STORAGE_PREFIX_ALPHABET) for _ in range(4))
        storage_dn = f"{prefix}.{region_key.lower()}.idrivee2-{host_number}.com"
        if storage_dn not in taken:
            return storage_dn
