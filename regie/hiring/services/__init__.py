"""Every write of the hiring procedure: one function per use case, in a transaction."""

from regie.hiring.services.contracts import (
    DEFAULT_RULE,
    HistoryRule,
    contract_extend,
    contract_history_warnings,
    extension_room,
)
from regie.hiring.services.procedure import (
    INTERVIEW_RULE,
    InterviewOutcome,
    PriorContractData,
    award,
    candidate_check_requirements,
    candidate_offer,
    candidate_score,
    interview_conclude,
    interview_score,
    passed_knockout,
    selection_make,
)
from regie.hiring.services.requests import (
    DraftRequest,
    RequestData,
    check_posting_text,
    draft_from_posting,
    request_create,
    request_from_posting,
    supplier_create,
    validate_request_data,
)

__all__ = [
    "DEFAULT_RULE",
    "INTERVIEW_RULE",
    "DraftRequest",
    "HistoryRule",
    "InterviewOutcome",
    "PriorContractData",
    "RequestData",
    "award",
    "candidate_check_requirements",
    "candidate_offer",
    "candidate_score",
    "check_posting_text",
    "contract_extend",
    "contract_history_warnings",
    "draft_from_posting",
    "extension_room",
    "interview_conclude",
    "interview_score",
    "passed_knockout",
    "request_create",
    "request_from_posting",
    "selection_make",
    "supplier_create",
    "validate_request_data",
]
