"""`--seed demo`: a reseller account that looks lived-in, for demos and manual testing.

Twelve customers on a fictional company's domains, five months of daily usage growing the way
real backups grow, activity, storages with buckets and access keys, a CNAME with a real
certificate, sub-users (invited and signed up), one disabled user and one pending invitation.
"""

import datetime
import random
import string

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from . import catalogue
from .certificates import verify_certificate
from .state import email_key, empty_state, format_timestamp, new_invite_url, new_user

USAGE_DAYS = 150
GIB = 1024**3

# (first name, last name, email, quota GB, regions, state)
CUSTOMERS = [
    ("Olivia", "Bennett", "olivia.bennett@harborlight-media.example", 500, ["TX", "LDN"], "active"),
    ("Marcus", "Okafor", "marcus@okafor-architects.example", 1024, ["CH"], "active"),
    ("Sofia", "Lindqvist", "sofia.lindqvist@northfjord.example", 0, ["IE", "FRA"], "active"),
    ("Daniel", "Reyes", "dreyes@reyes-family-dental.example", 250, ["LA"], "active"),
    ("Priya", "Raman", "priya@ramanlabs.example", 2048, ["VA", "NY"], "active"),
    ("Tomás", "Navarro", "tomas.navarro@bodega-navarro.example", 100, ["MAD"], "active"),
    ("Hannah", "Weber", "h.weber@weber-steuerberatung.example", 750, ["FRA"], "active"),
    ("Liam", "O'Connor", "liam@oconnor-builders.example", 300, ["IE"], "active"),
    ("Chloé", "Dubois", "chloe.dubois@atelier-dubois.example", 200, ["PAR"], "active"),
    ("Ethan", "Park", "ethan.park@parkline-logistics.example", 1500, ["OR", "AZ"], "active"),
    ("Grace", "Holloway", "grace@holloway-studio.example", 150, ["MTL"], "disabled"),
    ("Noah", "Fischer", "noah.fischer@fischer-consulting.example", 500, [], "invited"),
]

SUBUSERS = {
    "priya@ramanlabs.example": [
        ("Arjun", "Mehta", "arjun.mehta@ramanlabs.example", True, 2),
        ("Lena", "Kowalski", "lena.k@ramanlabs.example", True, 0),
        ("", "", "intern@ramanlabs.example", False, 1),
    ],
    "olivia.bennett@harborlight-media.example": [
        ("Sam", "Turner", "sam.turner@harborlight-media.example", True, 2),
        ("", "", "freelance.editor@harborlight-media.example", False, 0),
    ],
}

ACTIVITY_DESCRIPTIONS = [
    "Signed in to the web console",
    "Bucket {bucket} created",
    "Access key {key} created",
    "Uploaded objects to {bucket}",
    "Downloaded objects from {bucket}",
    "Lifecycle rule updated on {bucket}",
    "Signed out",
]
CUSTOMER_IPS = ["198.51.100.23", "203.0.113.54", "192.0.2.81", "198.51.100.140"]
BUCKET_WORDS = ["backups", "media", "invoices", "archive", "scans", "projects", "logs", "assets"]


def demo_state(now):
    """A complete demo state, dated relative to `now`."""
    rng = random.Random(20240601)
    state = empty_state()
    taken_dns = set()
    for first, last, email, quota, regions, status in CUSTOMERS:
        created = now - datetime.timedelta(days=rng.randint(USAGE_DAYS + 10, 400))
        user = new_user(email, first, last, quota, format_timestamp(created))
        state["users"][email_key(email)] = user
        if status == "invited":
            user.update(is_signed_up=False, invite_url=new_invite_url())
            continue
        for region_key in regions:
            storage = _storage(rng, region_key, taken_dns, created + datetime.timedelta(days=1))
            user["storages"][storage["storage_dn"]] = storage
        user["usage"] = _usage_history(rng, now.date(), quota)
        user["activity"] = _activity(rng, user, now)
        if status == "disabled":
            user["is_active"] = False
            _append_activity(user, now - datetime.timedelta(days=3), "Account disabled by reseller")
    for admin_email, subusers in SUBUSERS.items():
        _add_subusers(rng, state["users"][admin_email], subusers, now)
    _add_demo_cname(state["users"][email_key(CUSTOMERS[0][2])], now)
    return state


def _storage(rng, region_key, taken_dns, created):
    storage_dn = catalogue.new_storage_dn(region_key, taken_dns)
    taken_dns.add(storage_dn)
    buckets = {
        f"{word}-{rng.randint(10, 99)}": {
            "size_bytes": rng.randint(1, 400) * GIB // 4,
            "creation_date": format_timestamp(created),
        }
        for word in rng.sample(BUCKET_WORDS, rng.randint(1, 3))
    }
    access_keys = [
        {
            "key_id": "".join(
                rng.choice(string.ascii_uppercase + string.digits) for _ in range(20)
            ),
            "name": name,
            "permissions": permissions,
            "buckets": None if permissions == 2 else [next(iter(buckets))],
            "creation_date": format_timestamp(created + datetime.timedelta(days=2)),
        }
        for name, permissions in [("backup-agent", 2), ("reporting", 0)][: rng.randint(1, 2)]
    ]
    return {
        "storage_dn": storage_dn,
        "region_key": region_key,
        "cors": catalogue.DEFAULT_CORS,
        "creation_date": format_timestamp(created),
        "buckets": buckets,
        "access_keys": access_keys,
        "cnames": [],
    }


def _usage_history(rng, today, quota):
    """Daily usage: steady growth with weekday upload bursts and occasional clean-ups."""
    ceiling = (quota or 3000) * GIB
    disk_used = rng.uniform(0.05, 0.2) * ceiling
    history = {}
    for days_ago in range(USAGE_DAYS, 0, -1):
        day = today - datetime.timedelta(days=days_ago)
        weekday_factor = 1.0 if day.weekday() < 5 else 0.3
        uploads = rng.uniform(0.0005, 0.004) * ceiling * weekday_factor
        downloads = rng.uniform(0.0001, 0.0015) * ceiling * weekday_factor
        deleted = uploads * rng.uniform(0.1, 0.4) if rng.random() < 0.1 else 0
        disk_used = min(ceiling * 0.95, disk_used + uploads - deleted)
        history[day.isoformat()] = {
            "disk_used": int(disk_used),
            "uploads": int(uploads),
            "downloads": int(downloads),
        }
    return history


def _append_activity(user, moment, description, ip="198.51.100.23"):
    user["activity"].append(
        {"timestamp": format_timestamp(moment), "description": description, "ip": ip}
    )


def _activity(rng, user, now):
    buckets = [name for storage in user["storages"].values() for name in storage["buckets"]]
    entries = []
    for days_ago in range(USAGE_DAYS, 0, -1):
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            moment = now - datetime.timedelta(days=days_ago, minutes=rng.randint(0, 1439))
            text = rng.choice(ACTIVITY_DESCRIPTIONS).format(
                bucket=rng.choice(buckets or ["default"]), key="backup-agent"
            )
            entries.append(
                {
                    "timestamp": format_timestamp(moment),
                    "description": text,
                    "ip": rng.choice(CUSTOMER_IPS),
                }
            )
    entries.sort(key=lambda entry: entry["timestamp"])
    return entries


def _add_subusers(rng, account, subusers, now):
    storages = list(account["storages"].values())
    for first, last, email, signed_up, permissions in subusers:
        invited = now - datetime.timedelta(days=rng.randint(5, 90))
        subuser = {
            "email": email,
            "first_name": first,
            "last_name": last,
            "storage_access": [
                {
                    "storage_dn": storages[0]["storage_dn"],
                    "buckets": list(storages[0]["buckets"])[:1],
                }
            ]
            if permissions == 0
            else [],
            "account_creation_timestamp": format_timestamp(invited),
            "invite_url": None if signed_up else new_invite_url(),
            "is_admin": permissions == 2,
            "signed_up": signed_up,
            "permissions": permissions,
            "disable_delete_object": permissions != 2,
            "sso_login": False,
            "idle_timeout": 900,
            "concurrent_sessions": True,
            "allow_session_timeout_settings": False,
            "allow_concurrent_session_settings": False,
            "is_active": True,
            "activity": [],
        }
        entry = {
            "timestamp": format_timestamp(invited),
            "description": f"Sub-user {email} invited",
            "ip": "198.51.100.23",
        }
        subuser["activity"].append(dict(entry))
        account["activity"].append(entry)
        account["subusers"][email_key(email)] = subuser


def _add_demo_cname(user, now):
    """A CNAME on the first customer's first storage, with a freshly made certificate."""
    storage = next(iter(user["storages"].values()))
    cname = "s3.harborlight-media.example"
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cname)])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=30))
        .not_valid_after(now + datetime.timedelta(days=335))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(cname)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    certificate_pem = certificate.public_bytes(serialization.Encoding.PEM).decode()
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    info = verify_certificate(cname, certificate_pem, key_pem, None, now)
    storage["cnames"].append(
        {
            "file_index": "1",
            "cname": cname,
            "certificate_info": info,
            "creation_date": format_timestamp(now - datetime.timedelta(days=30)),
        }
    )
