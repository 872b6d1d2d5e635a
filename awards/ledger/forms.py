"""Award ledger forms: filters, a record entered by hand, the import upload (size and content checked)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from awards.catalogue.forms import DATE_WIDGET
from awards.enums import RecordSource
from awards.models import AwardType
from common.uploads import CSV, XLSX, check_upload
from organizations.imports.reading import ImportFileError, check_content


class HistoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2200)
    award_code = forms.ChoiceField(label=_("Award"), required=False)
    source = forms.ChoiceField(label=_("Source"), required=False, choices=[("", _("All")), *RecordSource.choices])

    def __init__(self, *args, codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_code"].choices = [("", _("All")), *((code, code) for code in codes)]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.add_input(Submit("apply", _("Filter"), css_class="btn-outline-secondary"))


class AwardRecordForm(forms.Form):
    """A record entered by hand. With ``with_recipient`` the recipient is given by staff or organisation code."""

    person_code = forms.CharField(label=_("Staff code"), required=False, max_length=50)
    organization_code = forms.CharField(
        label=_("Organisation code"),
        required=False,
        max_length=50,
        help_text=_("Give a staff code or an organisation code."),
    )
    award_type = forms.ModelChoiceField(
        label=_("Award from the catalogue"), queryset=AwardType.objects.none(), required=False
    )
    award_name = forms.CharField(
        label=_("Award name"),
        required=False,
        max_length=200,
        help_text=_("Only for an award that is not in the catalogue (or to record its exact wording)."),
    )
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2200)
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=50)
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=DATE_WIDGET)
    issuer = forms.CharField(label=_("Issued by"), required=False, max_length=255)
    achievement = forms.CharField(label=_("Achievement"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, award_types, with_recipient: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = award_types
        self.fields["award_type"].label_from_instance = lambda a: f"{a.name} ({a.code}, {a.valid_from:%d/%m/%Y})"
        if not with_recipient:
            del self.fields["person_code"], self.fields["organization_code"]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))

    def clean(self):
        data = super().clean()
        if "person_code" in self.fields and bool(data.get("person_code")) == bool(data.get("organization_code")):
            self.add_error(None, _("Give either a staff code or an organisation code, not both."))
        if not data.get("award_type") and not data.get("award_name"):
            self.add_error("award_type", _("Choose an award from the catalogue or give its name."))
        return data


class HistoryImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("An Excel workbook (.xlsx) or a UTF-8 CSV file with the header row on line 1."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Check and import")))

    def clean_file(self):
        """By content: an .xlsx must really be a workbook, a .csv UTF-8 text; both within IMPORT_MAX_BYTES."""
        upload = self.cleaned_data["file"]
        is_csv = upload.name.lower().endswith(".csv")
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise ValidationError(
                _("The file is too large (%(size)s); at most %(limit)s is accepted."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)},
            )
        if not is_csv:  # CSV is text: no magic bytes; check_content below decodes it strictly instead
            check_upload(upload, allowed={XLSX}, max_bytes=settings.IMPORT_MAX_BYTES)
        content = upload.read()
        upload.seek(0)
        try:
            check_content(content=content, file_name=upload.name if is_csv else "upload.xlsx")
        except ImportFileError as error:
            raise ValidationError(error.messages) from error
        if is_csv:  # decoded above; now its name and no markup in it
            check_upload(upload, allowed={CSV}, max_bytes=settings.IMPORT_MAX_BYTES)
        return upload
