/* Tessera's few behaviours on top of server-rendered pages; everything works without them.
 *
 * - htmx requests and fetch calls carry the CSRF token of <meta name="csrf-token">;
 * - [data-confirm] buttons and links ask before acting;
 * - list rows: select all, selection count, batch buttons enabled by a selection,
 *   export links limited to the selected rows, a click on a row opens its record;
 * - kanban boards: cards dragged to another column post the move, then the board reloads
 *   (a refused move puts the card back and shows why);
 * - dropdowns (<details class="dropdown">) close on a click elsewhere or Escape.
 *
 * No inline script or style anywhere: the Content-Security-Policy forbids them.
 */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrfToken();
  });

  /* -- confirmations ------------------------------------------------------- */

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  /* -- list selection ------------------------------------------------------ */

  function selectedIds() {
    return Array.prototype.map.call(
      document.querySelectorAll('input[name="ids"][form="batch"]:checked'),
      function (box) { return box.value; }
    );
  }

  function updateSelection() {
    var ids = selectedIds();
    var batch = document.querySelector("[data-batch]");
    if (batch) {
      batch.classList.toggle("has-selection", ids.length > 0);
      var count = batch.querySelector("[data-selected-count]");
      if (count) {
        count.textContent = ids.length ? (batch.dataset.selectedText || "%(count)s").replace("%(count)s", ids.length) : "";
      }
      batch.querySelectorAll("[data-needs-selection]").forEach(function (button) {
        button.disabled = ids.length === 0;
      });
    }
    document.querySelectorAll("a[data-export]").forEach(function (link) {
      var url = new URL(link.href, window.location.href);
      url.searchParams.delete("ids");
      if (ids.length) {
        url.searchParams.set("ids", ids.join(","));
      }
      link.href = url.pathname + url.search;
    });
    document.querySelectorAll("[data-select-all]").forEach(function (all) {
      var boxes = all.closest("table").querySelectorAll('input[name="ids"]');
      var checked = Array.prototype.filter.call(boxes, function (box) { return box.checked; }).length;
      all.checked = boxes.length > 0 && checked === boxes.length;
      all.indeterminate = checked > 0 && checked < boxes.length;
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-select-all]")) {
      target.closest("table").querySelectorAll('input[name="ids"]').forEach(function (box) {
        box.checked = target.checked;
      });
    }
    if (target.matches('[data-select-all], input[name="ids"]')) {
      updateSelection();
    }
  });

  document.addEventListener("click", function (event) {
    var row = event.target.closest("tr[data-href]");
    if (!row || event.target.closest("a, button, input, label, select, textarea, summary")) {
      return;
    }
    if (String(window.getSelection()).length) {
      return; /* the user is selecting text, not opening the record */
    }
    window.location.assign(row.dataset.href);
  });

  /* -- kanban -------------------------------------------------------------- */

  var dragged = null;
  var origin = null;
  var originNext = null;

  function columnAt(target) {
    var column = target.closest ? target.closest("[data-column]") : null;
    return column && column.closest("[data-board]") ? column : null;
  }

  function clearTargets() {
    document.querySelectorAll("[data-column].drop-target").forEach(function (column) {
      column.classList.remove("drop-target");
    });
  }

  function showStatus(message) {
    var status = document.getElementById("board-status");
    if (status) {
      status.textContent = message;
      status.hidden = !message;
    }
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest ? event.target.closest("[data-board] .card[draggable]") : null;
    if (!card) {
      return;
    }
    dragged = card;
    origin = card.parentElement;
    originNext = card.nextElementSibling;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.id);
    card.classList.add("dragging");
  });

  document.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("dragging");
    }
    dragged = null;
    clearTargets();
  });

  document.addEventListener("dragover", function (event) {
    var column = dragged && columnAt(event.target);
    if (!column) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!column.classList.contains("drop-target")) {
      clearTargets();
      column.classList.add("drop-target");
    }
  });

  document.addEventListener("drop", function (event) {
    var column = dragged && columnAt(event.target);
    if (!column) {
      return;
    }
    event.preventDefault();
    clearTargets();
    var card = dragged;
    var from = origin;
    var before = originNext;
    dragged = null;
    card.classList.remove("dragging");
    if (from.closest("[data-column]") === column) {
      return;
    }
    var board = column.closest("[data-board]");
    var list = column.querySelector(".cards");
    var over = event.target.closest(".card");
    list.insertBefore(card, over && over !== card ? over : null);
    showStatus("");
    fetch(board.dataset.moveUrl.replace("{id}", card.dataset.id), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "X-CSRF-Token": csrfToken(),
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded"
      },
      body: new URLSearchParams({value: column.dataset.value})
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok || !data.ok) {
          throw new Error(data.message || board.dataset.error);
        }
        if (window.htmx) {
          window.htmx.ajax("GET", window.location.href, {target: "#board", select: "#board", swap: "outerHTML"});
        }
      });
    }).catch(function (error) {
      from.insertBefore(card, before && before.parentElement === from ? before : null);
      showStatus(error.message || board.dataset.error);
    });
  });

  /* -- dropdowns ----------------------------------------------------------- */

  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.dropdown[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) {
        menu.removeAttribute("open");
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      document.querySelectorAll("details.dropdown[open]").forEach(function (menu) {
        menu.removeAttribute("open");
        var summary = menu.querySelector("summary");
        if (summary && menu.contains(document.activeElement)) {
          summary.focus();
        }
      });
    }
  });

  document.addEventListener("DOMContentLoaded", updateSelection);
  document.addEventListener("htmx:afterSettle", updateSelection);
}());
