// The designer's live preview: the form is sent to the server on every change, and the
// server (the same library as the command line) answers with the preview and the messages.
// No framework, nothing fetched from the internet.
(function () {
  "use strict";
  var form = document.getElementById("role-form");
  if (!form) { return; }
  var token = form.querySelector("input[name=csrf]").value;
  var timer = null;
  var inFlight = 0;
  var changedSkill = null;

  function post(url) {
    return fetch(url, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-CSRF-Token": token }
    }).then(function (r) { return r.json(); });
  }

  function showMessages(messages) {
    form.querySelectorAll(".messages").forEach(function (box) {
      var list = messages[box.dataset.for] || [];
      box.textContent = "";
      list.forEach(function (text) {
        var p = document.createElement("p");
        p.className = text.indexOf("warning:") === 0 ? "warning" : "problem";
        p.textContent = text;
        box.appendChild(p);
      });
      var field = box.closest(".field");
      if (field) { field.classList.toggle("has-messages", list.length > 0); }
      var details = box.closest("details");
      if (details && list.some(function (t) { return t.indexOf("warning:") !== 0; })) { details.open = true; }
    });
  }

  function setTabs() {
    var tabs = document.querySelectorAll("#preview [role=tab]");
    tabs.forEach(function (tab) {
      tab.addEventListener("click", function () { select(tab); });
      tab.addEventListener("keydown", function (e) {
        var list = Array.prototype.slice.call(tabs);
        var i = list.indexOf(tab);
        if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
          var next = list[(i + (e.key === "ArrowRight" ? 1 : list.length - 1)) % list.length];
          select(next); next.focus(); e.preventDefault();
        }
      });
    });
    var current = sessionStorage.getItem("ictroles-tab");
    var chosen = current && document.getElementById(current);
    if (chosen) { select(chosen); }
  }

  function select(tab) {
    document.querySelectorAll("#preview [role=tab]").forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
    });
    sessionStorage.setItem("ictroles-tab", tab.id);
  }

  function refresh() {
    inFlight += 1;
    var mine = inFlight;
    document.body.classList.add("updating");
    post(form.dataset.preview).then(function (data) {
      if (mine !== inFlight) { return; }  // a later change is on its way
      document.body.classList.remove("updating");
      if (data.error && !data.messages) { showMessages({"": [data.error]}); return; }
      showMessages(data.messages || {});
      if (data.preview) { document.getElementById("preview").innerHTML = data.preview; setTabs(); }
      // A draft with problems has no preview: say the one shown is out of date, not the form.
      document.getElementById("preview-stale").hidden = !!data.ok;
      // Downloads are made from the form: while it has problems there is nothing to make.
      form.querySelectorAll(".downloads button").forEach(function (b) { b.disabled = !data.ok; });
      document.getElementById("downloads-blocked").hidden = !!data.ok;
      document.body.classList.toggle("stale-preview", !data.ok);
      if (data.ok && changedSkill) { showDuty(changedSkill); }
      changedSkill = null;
      document.getElementById("pay-salary").textContent = (data.pay && data.pay.salary) || "—";
      document.getElementById("pay-advert").textContent = (data.pay && data.pay.advert) || "—";
      var hint = document.getElementById("paid-weeks-hint");
      var use = document.getElementById("use-paid-weeks");
      hint.textContent = data.paid_weeks ? "That makes " + data.paid_weeks + " paid weeks a year." : "";
      use.hidden = !data.paid_weeks;
      use.dataset.value = data.paid_weeks || "";
      document.dispatchEvent(new CustomEvent("ictroles:previewed"));
    }).catch(function () {
      document.body.classList.remove("updating");
      showMessages({"": ["The designer stopped answering: is `ictroles serve` still running?"]});
    });
  }

  // After a skill's level changes, bring its duty into view in the job description.
  function showDuty(skill) {
    var item = document.querySelector("#doc-jd [data-skill='" + skill + "']");
    var pane = document.querySelector("aside.preview");
    if (!item || !pane || document.getElementById("doc-jd").hidden) { return; }
    var offset = item.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    if (offset < 60 || offset > pane.clientHeight - 60) { pane.scrollTop += offset - 120; }
    item.classList.add("changed");
  }

  function soon() { clearTimeout(timer); timer = setTimeout(refresh, 200); }

  function loadStatements(radio) {
    var skill = radio.dataset.skill;
    var box = form.querySelector("[data-statements-for='" + skill + "']");
    var url = form.dataset.fragment.replace("SKILL", encodeURIComponent(skill)) + "?level=" + encodeURIComponent(radio.value);
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
      box.innerHTML = html;
    });
  }

  form.addEventListener("input", function (e) {
    if (e.target.type !== "radio") { soon(); }
  });
  form.addEventListener("change", function (e) {
    var t = e.target;
    if (t.type === "radio" && (t.dataset.skill || t.dataset.standard)) {
      var key = t.dataset.skill || "standard-" + t.dataset.standard;
      var label = form.querySelector("[data-chosen-for='" + key + "']");
      if (label) { label.textContent = t.value ? "Level " + t.value : "Not part of this post"; }
      if (t.dataset.skill) { changedSkill = t.dataset.skill; loadStatements(t).then(refresh); return; }
    }
    if (t.type === "checkbox" || t.type === "radio" || t.tagName === "SELECT") { refresh(); }
  });
  document.getElementById("use-paid-weeks").addEventListener("click", function () {
    document.getElementById("f-paid_weeks").value = this.dataset.value;
    refresh();
  });
  document.getElementById("save").addEventListener("click", function () {
    var status = document.getElementById("save-status");
    status.textContent = "Saving...";
    post(form.dataset.save).then(function (data) {
      if (data.messages) { showMessages(data.messages); }
      status.textContent = data.ok ? data.message + (data.note ? " " + data.note : "") : (data.error || "Not saved.");
      status.className = data.ok ? "saved" : "problem";
    }).catch(function () { status.textContent = "Not saved: the designer stopped answering."; });
  });
  setTabs();
})();
