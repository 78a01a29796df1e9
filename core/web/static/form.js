/* The form's behaviour: notebook tabs, many2one and tag lookups (with quick create), line rows, the
 * dialogs of buttons that ask for arguments. No framework; every part enhances markup that works
 * without it (all pages shown, lines removed by ticking their box, names typed and resolved on save,
 * a dialog opened by a round trip to the server). tessera.js asks [data-confirm] questions.
 */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  // -- notebook pages as tabs ---------------------------------------------------------

  function setUpNotebook(notebook) {
    var tabs = notebook.querySelector("[data-tabs]");
    var buttons = Array.prototype.slice.call(tabs.querySelectorAll("[data-tab]"));
    if (!buttons.length) {
      return;
    }
    var rtl = document.documentElement.dir === "rtl";
    tabs.hidden = false;
    tabs.setAttribute("role", "tablist");
    notebook.classList.add("tabbed");

    function select(button, focus) {
      buttons.forEach(function (other) {
        var selected = other === button;
        other.setAttribute("aria-selected", selected ? "true" : "false");
        other.tabIndex = selected ? 0 : -1;
        document.getElementById(other.dataset.tab).hidden = !selected;
      });
      if (focus) {
        button.focus();
      }
    }

    buttons.forEach(function (button, index) {
      var page = document.getElementById(button.dataset.tab);
      button.setAttribute("role", "tab");
      button.setAttribute("aria-controls", page.id);
      page.setAttribute("role", "tabpanel");
      page.setAttribute("aria-labelledby", button.id);
      button.addEventListener("click", function () {
        select(button, false);
      });
      button.addEventListener("keydown", function (event) {
        var forward = rtl ? "ArrowLeft" : "ArrowRight";
        var back = rtl ? "ArrowRight" : "ArrowLeft";
        var step = event.key === forward ? 1 : event.key === back ? -1 : 0;
        if (step) {
          event.preventDefault();
          select(buttons[(index + step + buttons.length) % buttons.length], true);
        }
      });
    });
    select(tabs.querySelector("[data-has-error]") || buttons[0], false);
  }

  // -- lookups: type a name, choose a record (or create one) -----------------------------

  var lookups = 0;

  function setUpLookup(box) {
    var input = box.querySelector("[data-lookup-input]");
    var idInput = box.querySelector("[data-lookup-id]");
    var shownInput = box.querySelector("[data-lookup-shown]");
    var tagsName = box.dataset.lookupTags;
    var list = document.createElement("ul");
    var timer = null;
    var latest = 0;
    var active = -1;
    var items = [];

    lookups += 1;
    list.id = "lookup-results-" + lookups;
    list.className = "lookup-results";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    box.appendChild(list);
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      active = index;
      options.forEach(function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      if (options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      }
    }

    function addChip(record) {
      var chips = box.closest("[data-tags]").querySelector("[data-chips]");
      var existing = chips.querySelector('input[value="' + record.id + '"]');
      if (existing) {
        existing.checked = true;
        return;
      }
      var chip = document.createElement("label");
      var tick = document.createElement("input");
      chip.className = "chip";
      tick.type = "checkbox";
      tick.name = tagsName;
      tick.value = String(record.id);
      tick.checked = true;
      chip.appendChild(tick);
      chip.appendChild(document.createTextNode(" " + record.display_name));
      chips.appendChild(chip);
    }

    function choose(item) {
      if (item.create) {
        create(item.name);
        return;
      }
      if (tagsName) {
        addChip(item);
        input.value = "";
      } else {
        idInput.value = String(item.id);
        shownInput.value = item.display_name;
        input.value = item.display_name;
      }
      close();
    }

    function message(text, className) {
      var note = document.createElement("li");
      note.className = className;
      note.textContent = text;
      list.appendChild(note);
    }

    function show(results, text) {
      list.textContent = "";
      items = results.slice();
      var exact = results.some(function (record) {
        return record.display_name.toLowerCase() === text.toLowerCase();
      });
      if (box.hasAttribute("data-create") && text && !exact) {
        items.push({create: true, name: text});
      }
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.setAttribute("role", "option");
        option.textContent = item.create
          ? box.dataset.createLabel.replace("{name}", item.name)
          : item.display_name;
        if (item.create) {
          option.className = "create";
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input
          choose(item);
        });
        list.appendChild(option);
      });
      if (!items.length) {
        message(box.dataset.emptyLabel, "empty");
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(items.length ? 0 : -1);
    }

    function search() {
      var text = input.value.trim();
      var mine = (latest += 1);
      fetch(box.dataset.lookup + "?q=" + encodeURIComponent(text), {
        headers: {Accept: "application/json"},
        credentials: "same-origin"
      })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (results) {
          if (mine === latest && document.activeElement === input) {
            show(results, text);
          }
        });
    }

    function create(name) {
      var body = new URLSearchParams();
      body.set("name", name);
      fetch(box.dataset.lookup, {
        method: "POST",
        headers: {Accept: "application/json", "X-CSRF-Token": csrfToken()},
        credentials: "same-origin",
        body: body
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return {ok: response.ok, data: data};
          });
        })
        .then(function (result) {
          if (result.ok) {
            choose(result.data);
          } else {
            list.textContent = "";
            message(result.data.message || box.dataset.emptyLabel, "error");
          }
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("focus", search);
    input.addEventListener("blur", function () {
      setTimeout(close, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) {
          search();
        } else if (items.length) {
          var step = event.key === "ArrowDown" ? 1 : -1;
          highlight((active + step + items.length) % items.length);
        }
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault(); // choose, do not submit the form
        choose(items[active]);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
  }

  // -- line editors: add rows from the template, drop rows ---------------------------------

  var RENAMED = ["name", "id", "for", "aria-describedby", "aria-controls"];

  function setUpLines(editor) {
    var template = editor.querySelector("template[data-new-line]");
    var rows = editor.querySelector("[data-line-rows]");
    var button = editor.querySelector("[data-add-line]");
    var next = 0;
    editor.querySelectorAll('input[name$=".id"]').forEach(function (input) {
      var index = Number(input.name.split(".").slice(-2)[0]);
      next = Math.max(next, isNaN(index) ? 0 : index + 1);
    });
    button.hidden = false;
    button.addEventListener("click", function () {
      var row = template.content.firstElementChild.cloneNode(true);
      var index = String(next);
      next += 1;
      [row].concat(Array.prototype.slice.call(row.querySelectorAll("*"))).forEach(function (element) {
        RENAMED.forEach(function (attribute) {
          var value = element.getAttribute(attribute);
          if (value && value.indexOf("__index__") !== -1) {
            element.setAttribute(attribute, value.split("__index__").join(index));
          }
        });
      });
      rows.appendChild(row);
      row.querySelectorAll("[data-lookup]").forEach(setUpLookup);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
    });
    editor.addEventListener("change", function (event) {
      var tick = event.target.closest("[data-remove-line]");
      if (!tick || !tick.checked) {
        return;
      }
      var row = tick.closest("[data-line]");
      var id = row.querySelector('input[name$=".id"]');
      if (id && !id.value) {
        row.remove(); // never saved: nothing to delete
      } else {
        row.hidden = true; // the ticked box is posted: the line is deleted on save
      }
    });
  }

  // -- dialogs of buttons that ask for arguments ---------------------------------------------

  function setUpDialog(dialog) {
    var opener = document.querySelector('[data-dialog="' + dialog.id + '"]');
    var submit = dialog.querySelector("button[type=submit]");
    if (opener) {
      opener.addEventListener("click", function (event) {
        event.preventDefault(); // no round trip: the dialog is already on the page
        dialog.showModal();
      });
    }
    dialog.querySelectorAll("[data-dialog-close]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault(); // keep the form's unsaved changes
        dialog.close();
      });
    });
    dialog.addEventListener("keydown", function (event) {
      // Enter answers the dialog, rather than pressing the form's first button (Save).
      if (event.key === "Enter" && !event.defaultPrevented && event.target.matches("input")) {
        event.preventDefault();
        submit.click();
      }
    });
    if (dialog.open) { // shown by the server (refused answers): make it modal
      dialog.close();
      dialog.showModal();
    }
  }

  function setUp() {
    document.querySelectorAll("[data-form-dialog]").forEach(setUpDialog);
    document.querySelectorAll("[data-notebook]").forEach(setUpNotebook);
    document.querySelectorAll("[data-lines]").forEach(setUpLines);
    document.querySelectorAll("[data-lookup]").forEach(setUpLookup); // not those inside <template>
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
}());
