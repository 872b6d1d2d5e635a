"""Upload form for imports: checks the file's size and that its bytes match its extension."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from common.uploads import CSV, XLSX, check_upload, sniff_type
from organizations.enums import ImportKind
from organizations.imports import ImportFileError, check_content


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to import"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("An Excel workbook (.xlsx) or a UTF-8 CSV file with the header row on line 1."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Upload and check")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise ValidationError(
                _("The file is too large (%(size)s); at most %(limit)s is accepted."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)},
            )
        content = upload.read()
        upload.seek(0)
        if sniff_type(content) == XLSX:  # a real workbook: no macros, external links or zip bomb before parsing
            check_upload(upload, allowed={XLSX}, max_bytes=settings.IMPORT_MAX_BYTES)
        try:
            check_content(content=content, file_name=upload.name)
        except ImportFileError as error:
            raise ValidationError(error.messages) from error
        check_upload(upload, allowed={XLSX, CSV}, max_bytes=settings.IMPORT_MAX_BYTES)  # name, markup in a CSV
        return upload
