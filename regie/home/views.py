from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def my_week(request: HttpRequest) -> HttpResponse:
    return render(request, "home/my_week.html", {})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    return render(request, "home/search.html", {"query": request.GET.get("q", "")})
