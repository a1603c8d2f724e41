"""Schemathesis throws generated requests, valid and invalid, at every operation of the spec.

Each answer must be documented for its operation (status and body schema), never a 5xx, and
invalid requests must be refused with a 4xx.
"""

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

SPEC_PATH = Path(__file__).resolve().parents[3] / "portal" / "e2" / "openapi.yaml"
EXAMPLES_PER_OPERATION = 25

schema = schemathesis.openapi.from_path(SPEC_PATH)
# The token goes in as the real one below; generated tokens would only ever test the 401.
schema.config.generation.update(
    max_examples=EXAMPLES_PER_OPERATION, with_security_parameters=False, deterministic=True
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_every_answer_conforms_to_the_spec(case, e2_sandbox_server):
    response = case.call(
        base_url=e2_sandbox_server.url, headers={"token": e2_sandbox_server.token}, timeout=10
    )

    case.validate_response(response, checks=CHECKS, headers={"token": e2_sandbox_server.token})
