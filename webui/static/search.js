// Autocomplete for the search boxes: asks /api/search and lists the matches with the name that matched.
// The search works without it (the form submits to /search); all text is set with textContent.
(function () {
  "use strict";
  function attach(input) {
    var list = document.createElement("ul");
    list.className = "ac";
    list.hidden = true;
    list.setAttribute("role", "listbox");
    input.parentNode.appendChild(list);
    var timer = null, seq = 0, active = -1;
    function close() { list.hidden = true; active = -1; }
    function render(hits) {
      list.textContent = "";
      active = -1;
      hits.forEach(function (h) {
        var li = document.createElement("li"), a = document.createElement("a");
        li.setAttribute("role", "option");
        a.href = h.href || ("/search?q=" + encodeURIComponent(h.label));
        var label = document.createElement("span");
        label.className = "ac-label";
        label.textContent = h.label;
        var type = document.createElement("span");
        type.className = "ac-type";
        type.textContent = h.type + (h.cases ? " · " + h.cases + " case" + (h.cases === 1 ? "" : "s") : "");
        a.appendChild(type);
        a.appendChild(label);
        if (h.matched && h.matched.toLowerCase() !== h.label.toLowerCase()) {
          var m = document.createElement("span");
          m.className = "ac-matched";
          m.textContent = h.field + ": " + h.matched;
          a.appendChild(m);
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = hits.length === 0;
    }
    function lookup() {
      var q = input.value.trim(), mine = ++seq;
      if (!q) { close(); return; }
      fetch("/api/search?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (hits) { if (mine === seq && document.activeElement === input) { render(hits); } })
        .catch(function () { /* the form still works */ });
    }
    function move(d) {
      var items = list.querySelectorAll("li");
      if (!items.length) { return; }
      if (active >= 0) { items[active].classList.remove("active"); }
      active = (active + d + items.length) % items.length;
      items[active].classList.add("active");
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(lookup, 120); });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) { return; }
      if (e.key === "ArrowDown") { move(1); e.preventDefault(); }
      else if (e.key === "ArrowUp") { move(-1); e.preventDefault(); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        window.location.href = list.querySelectorAll("li a")[active].href;
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  }
  document.querySelectorAll("input[data-autocomplete]").forEach(attach);
})();
