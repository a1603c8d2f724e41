"""Ready-to-paste configuration for common S3 tools, on the brand's endpoint, for a key just
created. Both consoles show this same text."""

from dataclasses import dataclass

from django.utils.text import slugify

from branding.endpoints import branded_endpoint
from portal.storage.services import NewAccessKey


@dataclass(frozen=True)
class ToolConfig:
    tool: str
    where: str
    text: str


@dataclass(frozen=True)
class ClientConfiguration:
    """What a person needs to use a new key: the endpoint and settings for each tool."""

    endpoint: str
    tools: list[ToolConfig]


def client_configuration(created: NewAccessKey) -> ClientConfiguration:
    """The branded endpoint of the key's storage with rclone, AWS CLI and s3cmd settings for
    it. Built only while the secret is being shown for the first and only time."""
    endpoint = branded_endpoint(created.key.storage)
    tools = tool_configs(
        name=created.key.name,
        endpoint=endpoint,
        access_key=created.key.key_id,
        secret_key=created.secret_key.reveal(),
    )
    return ClientConfiguration(endpoint=endpoint, tools=tools)


def tool_configs(*, name: str, endpoint: str, access_key: str, secret_key: str) -> list:
    """rclone, AWS CLI and s3cmd settings for one key, under a profile named after it."""
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
