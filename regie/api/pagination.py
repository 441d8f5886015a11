"""Pages of API lists: a limit and an offset, both bounded so no number reaches the database
outside the range it can hold."""

from rest_framework.pagination import LimitOffsetPagination

MAX_OFFSET = 2**31 - 1


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = 500

    def get_offset(self, request) -> int:
        return min(super().get_offset(request), MAX_OFFSET)
