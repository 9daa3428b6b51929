// Scanning tickets at the door, where the signal comes and goes. Progressive: without this script
// (or without a camera able to read QR codes) the typed-code form does the same job.
(function () {
  "use strict";
  var section = document.getElementById("scanner");
  if (!section || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  section.hidden = false;

  var key = "restart-scans-" + section.dataset.occurrence;
  var log = document.getElementById("scan-log");
  var pendingNote = document.getElementById("scan-pending");
  var count = document.getElementById("count");
  var result = document.getElementById("result");
  var csrf = document.querySelector("#ticket-form input[name=csrfmiddlewaretoken]").value;
  var seen = {};

  function queue() { try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; } }
  function store(codes) { localStorage.setItem(key, JSON.stringify(codes)); showPending(); }
  function showPending() {
    var codes = queue();
    pendingNote.hidden = codes.length === 0;
    pendingNote.textContent = section.dataset.pending + " " + codes.length;
  }
  function say(text, ok) {
    var item = document.createElement("li");
    item.textContent = text;
    item.className = ok ? "notice" : "field-error";
    log.insertBefore(item, log.firstChild);
    result.textContent = text;
  }

  function flush() {
    var codes = queue();
    if (!codes.length) return;
    fetch(section.dataset.scansUrl, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify({scans: codes})
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (data) {
      store(queue().slice(codes.length));  // only what was sent; new scans stay queued
      data.results.forEach(function (r) { say(r.code + " — " + r.message, r.ok); });
      count.textContent = count.textContent.replace(/^\d+/, String(data.checked_in));
    }).catch(function () {
      say(section.dataset.offline, false);
    });
  }

  function scanned(code) {
    if (seen[code] && Date.now() - seen[code] < 4000) return;  // the same code held before the camera
    seen[code] = Date.now();
    store(queue().concat([code]));
    flush();
  }

  document.getElementById("scan-start").addEventListener("click", function () {
    var video = document.getElementById("scan-video");
    var detector = new window.BarcodeDetector({formats: ["qr_code"]});
    navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}}).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      (function look() {
        detector.detect(video).then(function (codes) {
          codes.forEach(function (c) { scanned(c.rawValue); });
        }).catch(function () {}).then(function () { setTimeout(look, 300); });
      })();
    }).catch(function (error) { say(String(error), false); });
  });

  window.addEventListener("online", flush);
  showPending();
  flush();
})();
