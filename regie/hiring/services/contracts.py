"""Contracts: extensions recorded as decisions, and the contract-history rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.errors import DomainError, StaleEditError
from regie.core.history import set_author
from regie.hiring.models import Candidate, Contract, ContractExtension, EvaluationEvent
from regie.hiring.money import add_months, months_between, term_end_after_months
from regie.hiring.services._common import points_text, record, user_or_none


@dataclass(frozen=True)
class HistoryRule:
    """As the postings put it: in the last `window_months` not `max_contracts` contracts with
    a total duration of `max_total_months` at the client; exempt when the candidate is
    permanently employed by the supplier."""

    max_contracts: int = 3
    max_total_months: int = 24
    window_months: int = 6

    def describe(self) -> str:
        return _(
            "Een kandidaat mag bij de opdrachtgever geen reeks van %(n)s overeenkomsten hebben, "
            "en geen reeks met een totale duur van meer dan %(m)s maanden, waarbij tussen twee "
            "overeenkomsten minder dan %(w)s maanden ligt. Niet van toepassing bij een vast "
            "dienstverband bij de leverancier."
        ) % {"n": self.max_contracts, "m": self.max_total_months, "w": self.window_months}


DEFAULT_RULE = HistoryRule()


def _same_client(a: str, b: str) -> bool:
    return not a.strip() or not b.strip() or a.strip().casefold() == b.strip().casefold()


def contract_history_warnings(
    candidate: Candidate,
    start: date,
    end: date,
    *,
    rule: HistoryRule = DEFAULT_RULE,
    client: str | None = None,
    prior=None,
) -> list[str]:
    """What an offer or extension from `start` to `end` would break of the history rule.

    The chain is the run of earlier contracts at the client, each followed by the next (or by
    this one) within `window_months`. `prior` may pass the candidate's prior contracts when
    they are already loaded.
    """
    if candidate.permanently_employed_by_supplier:
        return []
    client = candidate.request.organisation if client is None else client
    prior = list(candidate.prior_contracts.all()) if prior is None else list(prior)
    earlier = sorted(
        (p for p in prior if p.end < start and _same_client(p.client, client)),
        key=lambda p: p.end,
        reverse=True,
    )
    chain = []
    boundary = start
    for contract in earlier:
        if add_months(contract.end, rule.window_months) < boundary:
            break
        chain.append(contract)
        boundary = contract.start
    warnings: list[str] = []
    who = candidate.name
    where = client or _("de opdrachtgever")
    if len(chain) >= rule.max_contracts:
        warnings.append(
            _(
                "%(who)s heeft bij %(where)s al %(n)s opeenvolgende overeenkomsten gehad "
                "(met minder dan %(w)s maanden ertussen); een nieuwe overeenkomst is in strijd "
                "met de regel van %(max)s overeenkomsten."
            )
            % {
                "who": who,
                "where": where,
                "n": len(chain),
                "w": rule.window_months,
                "max": rule.max_contracts,
            }
        )
    total = sum((months_between(p.start, p.end) for p in chain), Decimal(0))
    total += months_between(start, end)
    if chain and total > rule.max_total_months:
        warnings.append(
            _(
                "Met deze periode komt de totale duur van de opeenvolgende overeenkomsten van "
                "%(who)s bij %(where)s op %(total)s maanden, meer dan %(max)s."
            )
            % {
                "who": who,
                "where": where,
                "total": points_text(total),
                "max": rule.max_total_months,
            }
        )
    return warnings


def extension_room(contract: Contract) -> tuple[int, date | None]:
    """Extensions left, and the last end date the maximum total duration allows."""
    left = max(contract.extension_count - contract.extensions.count(), 0)
    limit = (
        term_end_after_months(contract.start, contract.max_total_months)
        if contract.max_total_months
        else None
    )
    return left, limit


@transaction.atomic
def contract_extend(
    *,
    actor,
    contract: Contract,
    months: int,
    note: str,
    decided_on: date | None = None,
    expected_version: int | None = None,
) -> ContractExtension:
    """Extend by an option of the contract, recorded as a decision with who and why."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if expected_version is not None and contract.version != expected_version:
        raise StaleEditError(
            _(
                "Iemand anders heeft dit contract intussen gewijzigd. Uw verlenging is niet "
                "opgeslagen; hieronder ziet u de huidige stand."
            ),
            current=contract,
        )
    note = (note or "").strip()
    if not note:
        raise DomainError(
            _("Leg het besluit tot verlengen vast met een toelichting."), field="note"
        )
    if contract.status != Contract.Status.ACTIVE:
        raise DomainError(_("Een beëindigd contract kan niet worden verlengd."))
    left, limit = extension_room(contract)
    if left <= 0:
        raise DomainError(
            _("Alle %(n)s verlengingsopties van dit contract zijn al gebruikt.")
            % {"n": contract.extension_count},
            field="months",
        )
    if not 0 < months <= contract.extension_months:
        raise DomainError(
            _("Een verlenging duurt hoogstens %(m)s maanden volgens de verlengingsopties.")
            % {"m": contract.extension_months},
            field="months",
        )
    new_end = add_months(contract.end, months)
    if limit is not None and new_end > limit:
        raise DomainError(
            _(
                "Met deze verlenging duurt het contract langer dan de maximale totale duur van "
                "%(m)s maanden (uiterlijk tot en met %(limit)s)."
            )
            % {"m": contract.max_total_months, "limit": limit.strftime("%d-%m-%Y")},
            field="months",
        )
    extension = ContractExtension(
        contract=contract,
        months=months,
        previous_end=contract.end,
        new_end=new_end,
        decided_on=decided_on or timezone.localdate(),
        decided_by=user_or_none(actor),
        note=note,
    )
    set_author(extension, actor)
    extension.save()
    contract.end = new_end
    contract.version += 1
    set_author(contract, actor)
    contract.save()
    record(
        actor=actor,
        request=contract.request,
        candidate=contract.candidate,
        step=EvaluationEvent.Step.EXTENSION,
        text=_("Contract van %(name)s met %(m)s maanden verlengd tot en met %(end)s: %(note)s")
        % {
            "name": contract.person_name,
            "m": months,
            "end": new_end.strftime("%d-%m-%Y"),
            "note": note,
        },
    )
    return extension
