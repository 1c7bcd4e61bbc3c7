// Submits forms marked data-autosubmit (the step to ID-porten's logout). Without JavaScript
// the form's own button does the same.
for (const form of document.querySelectorAll('form[data-autosubmit]')) {
  form.submit();
}
