from django.urls import path

from regie.reports import views, views_progress

app_name = "reports"
urlpatterns = [
    path("vergadering/<int:pk>/agenda.docx", views.agenda_docx, name="agenda_docx"),
    path("vergadering/<int:pk>/agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("vergadering/<int:pk>/verslag.docx", views.minutes_docx, name="minutes_docx"),
    path("vergadering/<int:pk>/verslag.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("gremium/<int:pk>/besluitenlijst.docx", views.decisions_docx, name="decisions_docx"),
    path("gremium/<int:pk>/besluitenlijst.pdf", views.decisions_pdf, name="decisions_pdf"),
    path("gremium/<int:pk>/actielijst.docx", views.actions_docx, name="actions_docx"),
    path("gremium/<int:pk>/actielijst.pdf", views.actions_pdf, name="actions_pdf"),
    path("agenda/", views.calendar_links, name="calendar_links"),
    path("agenda/nieuwe-link/", views.calendar_renew, name="calendar_renew"),
    path("agenda/persoon/<str:token>.ics", views.person_calendar, name="person_calendar"),
    path("agenda/gremium/<str:token>.ics", views.body_calendar, name="body_calendar"),
    path("sjablonen/", views.templates, name="templates"),
    path("sjablonen/downloaden/", views.template_download, name="template_download"),
    path("sjablonen/voorbeeld/", views.template_example, name="template_example"),
]

# The voortgangsrapportage and the MT overview (regie.reports.views_progress).
urlpatterns += [
    path("voortgang/", views_progress.progress_reports, name="progress_reports"),
    *(
        path(f"voortgang/{name}.{fmt}", view, {"fmt": fmt}, name=f"{prefix}_{fmt}")
        for name, view, prefix in (
            ("voortgangsrapportage", views_progress.progress_download, "progress"),
            ("mt-overzicht", views_progress.mt_download, "mt"),
        )
        for fmt in ("docx", "pdf", "xlsx")
    ),
]
