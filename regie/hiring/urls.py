from django.urls import path

from regie.hiring import views

app_name = "hiring"
urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("nieuw/", views.request_import, name="request_import"),
    path("leveranciers/", views.supplier_list, name="supplier_list"),
    path("contracten/", views.contract_list, name="contract_list"),
    path("contracten/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("contracten/<int:pk>/verlengen/", views.contract_extend, name="contract_extend"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/kandidaat/", views.candidate_add, name="candidate_add"),
    path("<int:pk>/selectie/", views.selection_make, name="selection_make"),
    path("<int:pk>/gesprekken-afronden/", views.interview_conclude, name="interview_conclude"),
    path("<int:pk>/verantwoording.docx", views.report_docx, name="report_docx"),
    path("<int:pk>/verantwoording.pdf", views.report_pdf, name="report_pdf"),
    path("kandidaten/<int:pk>/", views.candidate_detail, name="candidate_detail"),
    path("kandidaten/<int:pk>/cv/", views.candidate_cv, name="candidate_cv"),
    path("kandidaten/<int:pk>/eisen/", views.candidate_checks, name="candidate_checks"),
    path("kandidaten/<int:pk>/scores/", views.candidate_scores, name="candidate_scores"),
    path("kandidaten/<int:pk>/gesprek/", views.candidate_interview, name="candidate_interview"),
    path("kandidaten/<int:pk>/gunnen/", views.candidate_award, name="candidate_award"),
]
