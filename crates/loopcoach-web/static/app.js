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
  // The spoken answer: the microphone through Web Audio, kept as 16-bit mono PCM WAV (which
  // the server measures without an audio codec) and uploaded with the CSRF header as soon as
  // the recording stops; submitting the answer first stops and saves a running recording.
  function wav(chunks, rate) {
    var n = 0, i, j;
    for (i = 0; i < chunks.length; i++) { n += chunks[i].length; }
    var buf = new ArrayBuffer(44 + n * 2), v = new DataView(buf);
    function str(o, s) { for (var k = 0; k < s.length; k++) { v.setUint8(o + k, s.charCodeAt(k)); } }
    str(0, "RIFF"); v.setUint32(4, 36 + n * 2, true); str(8, "WAVE");
    str(12, "fmt "); v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
    v.setUint32(24, rate, true); v.setUint32(28, rate * 2, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true);
    str(36, "data"); v.setUint32(40, n * 2, true);
    var o = 44;
    for (i = 0; i < chunks.length; i++) {
      for (j = 0; j < chunks[i].length; j++) {
        var x = Math.max(-1, Math.min(1, chunks[i][j]));
        v.setInt16(o, x < 0 ? x * 0x8000 : x * 0x7fff, true); o += 2;
      }
    }
    return new Blob([buf], { type: "audio/wav" });
  }
  function csrf() {
    var f = document.querySelector("input[name=csrf]");
    return f ? f.value : "";
  }
  function record() {
    var box = document.getElementById("rec");
    var start = document.getElementById("rec-start");
    var stop = document.getElementById("rec-stop");
    var player = document.getElementById("rec-play");
    var status = document.getElementById("rec-status");
    var form = document.getElementById("mock-form");
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!box || !start || !stop || !Ctx || !navigator.mediaDevices || !window.fetch) { return; }
    box.classList.remove("hidden");
    var ctx = null, stream = null, node = null, source = null, chunks = [], rate = 16000, saving = null;
    function say(s) { if (status) { status.textContent = s; } }
    function upload(blob) {
      say(box.getAttribute("data-uploading"));
      return fetch(box.getAttribute("data-upload"), {
        method: "POST", credentials: "same-origin",
        // The answer in the page's language, whatever the browser's own.
        headers: { "Content-Type": "audio/wav", "X-CSRF-Token": csrf(), "Accept-Language": document.documentElement.lang || "en" },
        body: blob
      }).then(function (r) {
        return r.text().then(function (text) {
          if (r.ok) {
            say(text);
            if (player) { player.src = box.getAttribute("data-upload") + "?t=" + Date.now(); player.classList.remove("hidden"); }
            return;
          }
          var msg = text;
          if ((r.headers.get("Content-Type") || "").indexOf("text/html") === 0) {
            var doc = new DOMParser().parseFromString(text, "text/html");
            var main = doc.querySelector("main p");
            msg = main ? main.textContent : box.getAttribute("data-failed");
          }
          say(box.getAttribute("data-failed") + " " + msg);
        });
      }).catch(function () { say(box.getAttribute("data-failed")); });
    }
    function finish() {
      if (!ctx) { return saving || Promise.resolve(); }
      try { node.disconnect(); source.disconnect(); } catch (e) { /* already disconnected */ }
      stream.getTracks().forEach(function (t) { t.stop(); });
      var blob = wav(chunks, rate);
      ctx.close(); ctx = null; chunks = [];
      start.disabled = false; stop.disabled = true; start.focus();
      saving = upload(blob);
      return saving;
    }
    start.addEventListener("click", function () {
      start.disabled = true;
      navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } }).then(function (s) {
        stream = s;
        try { ctx = new Ctx({ sampleRate: 16000 }); } catch (e) { ctx = new Ctx(); }
        rate = ctx.sampleRate;
        // Stop before the upload would pass the server's limit (2 bytes a sample, a header).
        var maxSamples = Math.floor((parseInt(box.getAttribute("data-max-bytes"), 10) || 20971520) / 2) - 1024;
        source = ctx.createMediaStreamSource(stream);
        node = ctx.createScriptProcessor(4096, 1, 1);
        var taken = 0;
        node.onaudioprocess = function (ev) {
          var data = ev.inputBuffer.getChannelData(0);
          chunks.push(new Float32Array(data));
          taken += data.length;
          if (taken >= maxSamples) { finish(); }
        };
        source.connect(node);
        node.connect(ctx.destination);
        stop.disabled = false; stop.focus();
        say(box.getAttribute("data-recording"));
      }).catch(function () {
        start.disabled = false;
        say(box.getAttribute("data-denied"));
      });
    });
    stop.addEventListener("click", function () { finish(); });
    if (form) {
      form.addEventListener("submit", function (e) {
        if (!ctx && !saving) { return; }
        e.preventDefault();
        var submit = form.querySelector("button[type=submit]");
        if (submit) { submit.disabled = true; }
        finish().then(function () { saving = null; form.submit(); });
      });
    }
  }
  function init() { tick(); reveal(); record(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
