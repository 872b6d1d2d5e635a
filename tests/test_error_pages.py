"""Vietnamese 403/404/500 pages with DEBUG off, the favicon, and the translated empty choice of selects."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from organizations.forms import PersonForm
from organizations.models import Organization
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


def test_404_is_vietnamese(client, officer, production):
    client.force_login(officer)
    response = client.get("/khong-co-trang-nay/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in page and "Not Found" not in page
    assert reverse("home") in page  # the page keeps the navigation


def test_403_is_vietnamese(client, officer, org_tree, production):
    person = PersonFactory(organization=org_tree["ward_a"])
    client.force_login(officer)
    response = client.get(reverse("organizations:person-account-create", args=[person.pk]))
    assert response.status_code == 403
    assert "Bạn không được làm việc này" in response.content.decode()


def test_500_is_vietnamese_and_stands_alone(production):
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Đã có lỗi ở phía máy chủ" in page and "Server Error" not in page


def test_pages_link_the_favicon(client, officer):
    client.force_login(officer)
    page = client.get(reverse("home")).content.decode()
    assert "common/favicon.svg" in page and "common/favicon.ico" in page


def test_select_empty_choice_is_translated(org_tree):
    form = PersonForm(organization_choices=Organization.objects.all())
    with translation.override("vi"):  # another test in this process may have left English active
        html = str(form["gender"])
    assert "Select an option" not in html and "— Chọn —" in html
