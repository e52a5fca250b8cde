// The as-of slider over the dates of the reports: it moves the publication date and shows the
// point once released. The page works without it (the date field and the list of report dates).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const slider = document.getElementById("report-dates");
  const field = document.getElementById("asOf");
  const label = document.getElementById("report-date-label");
  if (!slider || !field || !label) {
    return;
  }
  const dates = slider.dataset.dates.split(",");
  const show = () => {
    label.value = dates[Number(slider.value)];
    slider.setAttribute("aria-valuetext", label.value);
  };
  slider.closest(".slider").hidden = false;
  show();
  slider.addEventListener("input", () => {
    show();
    field.value = dates[Number(slider.value)];
  });
  let submitted = false;
  slider.addEventListener("change", () => {
    if (!submitted) {
      submitted = true;
      slider.form.requestSubmit();
    }
  });
});
