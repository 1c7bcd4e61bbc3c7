// ID-porten stand-in, logout page: submit the logout form by itself, like ID-porten (which asks
// nothing), once the front-channel logout iframes have loaded (at most 3 seconds).
document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('op.logoutForm');
  var frames = Array.prototype.slice.call(document.querySelectorAll('iframe.frontchannel'));
  var pending = frames.length;
  var sent = false;
  function submit() { if (!sent) { sent = true; form.submit(); } }
  if (!pending) { submit(); return; }
  frames.forEach(function (frame) {
    frame.addEventListener('load', function () { pending -= 1; if (!pending) submit(); });
  });
  setTimeout(submit, 3000);
});
