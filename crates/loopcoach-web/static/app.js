// loopcoach: our own small script (no framework). Keyboard shortcuts for the drill
// (space shows the key points, 1-4 rate), the mock countdown, and the optional microphone
// recording. Loaded from /static (the CSP forbids inline scripts); every page works without it.
(function () {
  "use strict";
  function typing(e) {
    var t = e.target;
    return t && (t.tagName === "TEXTAREA" || t.tagName === "INPUT" || t.tagName === "SELECT" || t.isContentEditable);
  }
  document.addEventListener("keydown", function (e) {
    var drill = document.getElementById("drill");
    if (!drill || typing(e) || e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (e.key === " ") {
      var reveal = document.getElementById("reveal");
      if (reveal) { e.preventDefault(); reveal.click(); }
    } else if (e.key >= "1" && e.key <= "4") {
      var b = document.getElementById("rate-" + e.key);
      if (b) { e.preventDefault(); b.click(); }
    }
  });
  function tick() {
    var el = document.getElementById("countdown");
    if (!el) { return; }
    var left = parseInt(el.getAttribute("data-seconds"), 10);
    if (isNaN(left)) { return; }
    var timer = setInterval(function () {
      left -= 1;
      var s = Math.max(left, 0);
      el.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      if (left <= 0) { el.classList.add("error"); clearInterval(timer); }
    }, 1000);
  }
  function reveal() {
    var btn = document.getElementById("reveal");
    var pts = document.getElementById("keypoints");
    if (!btn || !pts) { return; }
    btn.addEventListener("click", function () {
      pts.classList.remove("hidden");
      btn.setAttribute("aria-expanded", "true");
      var first = document.getElementById("rate-3");
      if (first) { first.focus(); }
    });
  }
  function record() {
    var start = document.getElementById("rec-start");
    var stop = document.getElementById("rec-stop");
    var player = document.getElementById("rec-play");
    var field = document.getElementById("rec-audio");
    if (!start || !stop || !window.MediaRecorder || !navigator.mediaDevices) { return; }
    start.classList.remove("hidden");
    var rec = null, chunks = [];
    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        chunks = [];
        rec = new MediaRecorder(stream);
        rec.ondataavailable = function (ev) { chunks.push(ev.data); };
        rec.onstop = function () {
          var blob = new Blob(chunks, { type: rec.mimeType });
          if (player) { player.src = URL.createObjectURL(blob); player.classList.remove("hidden"); }
          var reader = new FileReader();
          reader.onload = function () { if (field) { field.value = reader.result; } };
          reader.readAsDataURL(blob);
          stream.getTracks().forEach(function (t) { t.stop(); });
        };
        rec.start();
        start.disabled = true; stop.disabled = false; stop.classList.remove("hidden");
      });
    });
    stop.addEventListener("click", function () {
      if (rec) { rec.stop(); }
      start.disabled = false; stop.disabled = true;
    });
  }
  function init() { tick(); reveal(); record(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
