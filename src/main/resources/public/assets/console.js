// The analysts' queue refreshes itself: every 3 s it asks /console/file for the list shown, with
// the last ETag (304: nothing changed); otherwise it replaces the list, keeping the focus on the
// same link. The page works without this file.
(function () {
  var box = document.getElementById('file');
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute('data-poll');
  var status = document.getElementById('file-etat');
  var etag = null;
  function tick() {
    var headers = etag ? { 'If-None-Match': etag } : {};
    fetch(url, { headers: headers, credentials: 'same-origin', redirect: 'manual', cache: 'no-store' })
      .then(function (r) {
        if (r.status !== 200) { return null; }
        var first = etag === null;
        etag = r.headers.get('ETag');
        return r.text().then(function (html) {
          var focused = document.activeElement;
          var href = focused && box.contains(focused) ? focused.getAttribute('href') : null;
          box.innerHTML = html;
          if (href) {
            var again = box.querySelector('a[href="' + href + '"]');
            if (again) { again.focus(); }
          }
          if (!first && status) { status.textContent = 'La file a été mise à jour.'; }
        });
      })
      .catch(function () {})
      .then(function () { window.setTimeout(tick, 3000); });
  }
  window.setTimeout(tick, 3000);
}());
