/* The brand editor (templates/branding/form.html): colour swatches kept in sync with their hex
   fields, image fields that show the chosen file before it is saved, and the preview's colours
   set from its data attributes. No inline handlers or style attributes: everything is wired
   here with addEventListener, and colours are set as CSS custom properties. */
(function () {
  "use strict";

  var SHORT = /^#?([0-9a-f]{3})$/i;
  var LONG = /^#?([0-9a-f]{6})$/i;

  /* Typed colour text as #rrggbb, or null (the same rules as branding.colours.parse_hex). */
  function parseHex(text) {
    var value = (text || "").trim();
    var short = SHORT.exec(value);
    if (short) {
      return "#" + short[1].split("").map(function (d) { return d + d; }).join("").toLowerCase();
    }
    var long = LONG.exec(value);
    return long ? "#" + long[1].toLowerCase() : null;
  }

  function channels(hex) {
    return [1, 3, 5].map(function (i) { return parseInt(hex.slice(i, i + 2), 16); });
  }

  function luminance(hex) {
    var c = channels(hex).map(function (v) {
      v = v / 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /* White or the kit's dark text, whichever reads better (branding.colours.foreground_on). */
  function foreground(hex) {
    return contrast("#ffffff", hex) >= contrast("#182433", hex) ? "#ffffff" : "#182433";
  }

  function setVar(element, name, value) {
    if (value) { element.style.setProperty(name, value); }
  }

  /* The preview's colours: from its data attributes (sent by the server) or as just typed. */
  function paintPreview(preview, colours) {
    var data = colours || preview.dataset;
    var primary = data.primary;
    setVar(preview, "--tblr-primary", primary);
    setVar(preview, "--tblr-primary-rgb", data.primaryRgb);
    setVar(preview, "--tblr-primary-fg", data.primaryFg);
    setVar(preview, "--tblr-link-color", data.primaryText);
    setVar(preview, "--portal-primary-text", data.primaryText);
    setVar(preview, "--portal-accent", data.accent);
    if (primary) {
      setVar(preview, "--tblr-primary-darken", "oklch(from " + primary + " calc(l - 0.06) c h)");
    }
  }

  function previewElement() {
    return document.querySelector("#brand-preview .brand-preview");
  }

  /* A valid colour shows in the preview at once; the server's preview follows. */
  function showColourInPreview(input, hex) {
    var preview = previewElement();
    if (!preview) { return; }
    if (/accent_colour$/.test(input.name)) {
      paintPreview(preview, { accent: hex });
    } else {
      paintPreview(preview, {
        primary: hex,
        primaryRgb: channels(hex).join(", "),
        primaryFg: foreground(hex),
      });
    }
  }

  function showColourError(field, input, message) {
    var error = field.querySelector("[data-colour-error]");
    input.classList.toggle("is-invalid", Boolean(message));
    if (message) {
      input.setAttribute("aria-invalid", "true");
      var described = (input.getAttribute("aria-describedby") || "").split(" ");
      if (described.indexOf(error.id) < 0) { described.push(error.id); }
      input.setAttribute("aria-describedby", described.join(" ").trim());
    } else {
      input.removeAttribute("aria-invalid");
    }
    error.textContent = message || "";
    error.classList.toggle("d-block", Boolean(message));
  }

  function wireColour(field) {
    var swatch = field.querySelector("[data-colour-swatch]");
    var input = field.querySelector("[data-colour-hex]");
    if (!swatch || !input) { return; }
    var error = field.querySelector("[data-colour-error]");

    swatch.addEventListener("input", function () {
      input.value = swatch.value;
      showColourError(field, input, "");
      showColourInPreview(input, swatch.value);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    input.addEventListener("input", function (event) {
      if (!event.isTrusted && input.value === swatch.value) { return; }  // sent by the swatch
      var hex = parseHex(input.value);
      if (hex) {
        swatch.value = hex;
        showColourError(field, input, "");
        showColourInPreview(input, hex);
      } else {
        showColourError(field, input, error.dataset.message);
      }
    });
    input.addEventListener("blur", function () {
      var hex = parseHex(input.value);
      if (hex && hex !== input.value) { input.value = hex; }
    });
  }

  function wireImage(field) {
    var input = field.querySelector("[data-image-input]");
    var remove = field.querySelector("[data-image-remove]");
    var image = field.querySelector("[data-image-preview]");
    var none = field.querySelector("[data-image-none]");
    var name = field.querySelector("[data-image-name]");
    var error = field.querySelector("[data-image-error]");
    var stored = { src: image.getAttribute("src") || "", name: name.textContent };
    var reading = 0;
    var maxBytes = parseInt(field.dataset.maxBytes, 10) || 0;

    function show(src, label, removed) {
      if (src) { image.setAttribute("src", src); } else { image.removeAttribute("src"); }
      image.hidden = !src;
      none.hidden = Boolean(src);
      image.classList.toggle("is-removed", Boolean(removed));
      name.textContent = label;
    }

    function setError(message) {
      error.textContent = message || "";
      error.classList.toggle("d-block", Boolean(message));
      if (message) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    }

    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      setError("");
      if (!file) {
        show(stored.src, stored.name || name.dataset.none);
        return;
      }
      if (remove) { remove.checked = false; }
      if (maxBytes && file.size > maxBytes) { setError(field.dataset.tooLarge); }
      name.textContent = file.name;
      // A data: URL, which the page's image policy allows (a blob: URL it would not).
      var reader = new FileReader();
      var turn = ++reading;
      reader.addEventListener("load", function () {
        if (turn === reading) { show(reader.result, file.name); }
      });
      reader.readAsDataURL(file);
    });

    if (remove) {
      remove.addEventListener("change", function () {
        if (remove.checked) {
          reading++;
          input.value = "";
          setError("");
          show(stored.src, name.dataset.removed, true);
        } else {
          show(stored.src, stored.name);
        }
      });
    }
  }

  function start() {
    document.querySelectorAll("[data-brand-editor] [data-colour-field]").forEach(wireColour);
    document.querySelectorAll("[data-brand-editor] [data-image-field]").forEach(wireImage);
    var preview = previewElement();
    if (preview) { paintPreview(preview); }
  }

  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.id === "brand-preview") {
      var preview = previewElement();
      if (preview) { paintPreview(preview); }
    }
  });
})();
