"""Ready-to-paste configuration for common S3 tools, using the brand's endpoint."""

from dataclasses import dataclass

from django.utils.text import slugify


@dataclass(frozen=True)
class ToolConfig:
    tool: str
    where: str
    text: str


def tool_configs(*, name: str, endpoint: str, access_key: str, secret_key: str) -> list:
    """rclone, AWS CLI and s3cmd settings for a new key. Built only while the secret is
    being shown for the first and only time."""
    profile = slugify(name) or "storage"
    return [
        ToolConfig(
            "rclone",
            "~/.config/rclone/rclone.conf",
            f"[{profile}]\ntype = s3\nprovider = Other\naccess_key_id = {access_key}\n"
            f"secret_access_key = {secret_key}\nendpoint = https://{endpoint}\nacl = private",
        ),
        ToolConfig(
            "AWS CLI",
            "a terminal",
            f"aws configure set aws_access_key_id {access_key} --profile {profile}\n"
            f"aws configure set aws_secret_access_key {secret_key} --profile {profile}\n"
            f"aws s3 ls --profile {profile} --endpoint-url https://{endpoint}",
        ),
        ToolConfig(
            "s3cmd",
            "~/.s3cfg",
            f"[default]\naccess_key = {access_key}\nsecret_key = {secret_key}\n"
            f"host_base = {endpoint}\nhost_bucket = {endpoint}\nuse_https = True",
        ),
    ]
