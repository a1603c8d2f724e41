"""Form fields in the design kit's markup (``{% load kit_forms %}``), used by
``templates/includes/field.html``: which kind of control a field is, the control with the
kit's classes, and the options of a multiple-choice field as separate boxes."""

from django import forms, template
from django.forms.boundfield import BoundWidget

register = template.Library()

CONTROL_CLASS = {
    "checkbox": "form-check-input",
    "select": "form-select",
    "colour": "form-control form-control-color",
}


@register.filter
def widget_kind(field) -> str:
    """hidden, checkbox, choices (a list of boxes or radios), select, file, colour or input."""
    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
        return "choices"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    if getattr(widget, "input_type", None) == "color":
        return "colour"
    return "input"


def _attrs(field, css: str) -> dict:
    existing = field.field.widget.attrs.get("class", "")
    attrs = {"class": " ".join(part for part in (existing, css) if part)}
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        described = [f"{field.auto_id}_errors"]
        if field.help_text:
            described.append(f"{field.auto_id}_helptext")
        attrs["aria-describedby"] = " ".join(described)
    return attrs


@register.filter
def control(field):
    """The field's own control with the kit's class (a file input without Django's
    "Currently/Clear" text: ``includes/field.html`` shows those itself)."""
    kind = widget_kind(field)
    attrs = _attrs(field, CONTROL_CLASS.get(kind, "form-control"))
    if kind == "colour":
        # The hex value beside the swatch follows the picker.
        attrs["oninput"] = "this.nextElementSibling.textContent=this.value"
    widget = None
    if kind == "file":
        widget = forms.FileInput(attrs=field.field.widget.attrs)
    return field.as_widget(widget=widget, attrs=attrs)


@register.filter
def options(field) -> list:
    """The boxes (or radios) of a multiple-choice field, each with the kit's class."""
    widget = field.field.widget
    attrs = field.build_widget_attrs(_attrs(field, "form-check-input"))
    attrs.pop("aria-describedby", None)  # described once, on the fieldset
    auto_id = widget.attrs.get("id") or field.auto_id
    if auto_id:
        attrs["id"] = auto_id
    return [
        BoundWidget(widget, option, field.form.renderer)
        for option in widget.subwidgets(field.html_name, field.value(), attrs=attrs)
    ]


@register.filter
def current_file(field):
    """The stored file of a file field being edited (with its URL), or None."""
    value = field.value()
    if value and getattr(value, "url", None) and not hasattr(value, "content_type"):
        return value
    return None


@register.filter
def clear_name(field) -> str:
    """The name of the checkbox that removes a stored file (Django's ClearableFileInput)."""
    widget = field.field.widget
    if isinstance(widget, forms.ClearableFileInput) and not field.field.required:
        return widget.clear_checkbox_name(field.html_name)
    return ""
