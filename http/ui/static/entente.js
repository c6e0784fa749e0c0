// Entente's page script: signs a delegate's actions in the browser.
//
// The browser holds its own Ed25519 key, made by WebCrypto as
// non-extractable and kept in IndexedDB: no script, this one included, can
// read its private half, and the server never sees it. The key is enrolled
// once as a delegate key of the actor (an EnrolKey request co-signed by a
// key the actor already has); a passkey bound to it signs the person in.
// Every action is an entente request (the exact bytes signed are the bytes
// the log keeps) posted to /api/requests.
"use strict";
(function () {
  const enc = new TextEncoder();

  // --- encodings -----------------------------------------------------------
  function bytesOf(buf) { return buf instanceof Uint8Array ? buf : new Uint8Array(buf); }
  function b64(buf) {
    let s = "";
    for (const b of bytesOf(buf)) s += String.fromCharCode(b);
    return btoa(s);
  }
  function b64url(buf) { return b64(buf).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""); }
  function fromB64url(s) {
    s = s.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }

  // --- the browser's keys, in IndexedDB ------------------------------------
  function openDB() {
    return new Promise((resolve, reject) => {
      const req = indexedDB.open("entente", 1);
      req.onupgradeneeded = () => req.result.createObjectStore("keys", { keyPath: "pub" });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  async function withStore(mode, f) {
    const db = await openDB();
    return new Promise((resolve, reject) => {
      const tx = db.transaction("keys", mode);
      const req = f(tx.objectStore("keys"));
      tx.oncomplete = () => { db.close(); resolve(req && req.result); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    });
  }
  const putKey = (rec) => withStore("readwrite", (st) => st.put(rec));
  const getKey = (pub) => withStore("readonly", (st) => st.get(pub));

  // newKey makes a non-extractable Ed25519 key and keeps it for actor.
  async function newKey(actor, delegate) {
    const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
    const pub = b64(await crypto.subtle.exportKey("raw", pair.publicKey));
    const rec = { pub: pub, actor: actor, delegate: delegate, privateKey: pair.privateKey, publicKey: pair.publicKey, created: new Date().toISOString() };
    await putKey(rec);
    return rec;
  }

  async function sign(rec, bytes) {
    return new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, rec.privateKey, bytes));
  }

  // --- requests ------------------------------------------------------------
  // The server's clock, as the page was rendered, sets the expiry: a
  // request must not expire before the server records it, nor lie more
  // than 7 days ahead of its clock, whatever this machine's clock says.
  let clockOffset = 0;
  const clockEl = document.querySelector("[data-server-time]");
  if (clockEl) {
    const t = Date.parse(clockEl.getAttribute("data-server-time"));
    if (!isNaN(t)) clockOffset = t - Date.now();
  }
  function serverNow() { return Date.now() + clockOffset; }

  function nonce() { return b64url(crypto.getRandomValues(new Uint8Array(18))); }

  // signedRequest returns an entente.Signed for command on log by actor,
  // signed by the browser key rec.
  async function signedRequest(rec, log, actor, command, args, lifetimeMs, cls) {
    const r = {
      v: 1, log: log, actor: actor, command: command, args: args,
      nonce: nonce(), expires: new Date(serverNow() + lifetimeMs).toISOString(),
    };
    if (cls) r.class = cls; // who may read what it records
    const request = JSON.stringify(r);
    const sig = await sign(rec, enc.encode("entente request v1\n" + request));
    return { request: request, signatures: [{ key: rec.pub, sig: b64(sig) }] };
  }

  async function postJSON(url, body) {
    const resp = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    let data = null;
    try { data = await resp.json(); } catch (e) { /* no body */ }
    return { ok: resp.ok, status: resp.status, data: data };
  }
  function errorText(r) {
    const e = r.data && r.data.error;
    if (!e) return "the server answered " + r.status;
    return (e.field ? e.field + ": " : "") + e.message;
  }

  // say puts text (and a link, if given) in a live region.
  function say(el, text, bad, link) {
    if (!el) return;
    el.textContent = text;
    if (link) {
      el.appendChild(document.createTextNode(" "));
      const a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      el.appendChild(a);
    }
    el.classList.toggle("bad", !!bad);
  }

  // result says how an action ended and moves the focus there, so that a
  // keyboard or screen-reader user lands on the answer, not at the top.
  function result(el, text, bad, link) {
    say(el, text, bad, link);
    if (!el) return;
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus();
  }

  // --- passkeys ------------------------------------------------------------
  function creationOptions(o) {
    const pk = Object.assign({}, o.publicKey);
    pk.challenge = fromB64url(pk.challenge);
    pk.user = Object.assign({}, pk.user, { id: fromB64url(pk.user.id) });
    if (pk.excludeCredentials) pk.excludeCredentials = pk.excludeCredentials.map((c) => Object.assign({}, c, { id: fromB64url(c.id) }));
    return pk;
  }
  function requestOptions(o) {
    const pk = Object.assign({}, o.publicKey);
    pk.challenge = fromB64url(pk.challenge);
    if (pk.allowCredentials) pk.allowCredentials = pk.allowCredentials.map((c) => Object.assign({}, c, { id: fromB64url(c.id) }));
    return pk;
  }
  function credentialJSON(cred) {
    const r = cred.response;
    const out = { id: cred.id, rawId: b64url(cred.rawId), type: cred.type, clientExtensionResults: {}, response: { clientDataJSON: b64url(r.clientDataJSON) } };
    if (cred.authenticatorAttachment) out.authenticatorAttachment = cred.authenticatorAttachment;
    if (r.attestationObject) {
      out.response.attestationObject = b64url(r.attestationObject);
      if (r.getTransports) out.response.transports = r.getTransports();
    } else {
      out.response.authenticatorData = b64url(r.authenticatorData);
      out.response.signature = b64url(r.signature);
      if (r.userHandle) out.response.userHandle = b64url(r.userHandle);
    }
    return out;
  }

  // registerPasskey makes a passkey bound to the browser key rec, which
  // must already act for its actor, and signs the person in.
  async function registerPasskey(rec) {
    const begin = await postJSON("/auth/passkey/register/begin", { actor: rec.actor, key: rec.pub });
    if (!begin.ok) throw new Error(errorText(begin));
    const cred = await navigator.credentials.create({ publicKey: creationOptions(begin.data) });
    const binding = await sign(rec, enc.encode("entente passkey binding v1\n" + rec.actor + "\n" + rec.pub + "\n" + begin.data.publicKey.challenge));
    const fin = await postJSON("/auth/passkey/register/finish", { credential: credentialJSON(cred), signature: b64(binding) });
    if (!fin.ok) throw new Error(errorText(fin));
    return fin.data;
  }

  async function signInWithPasskey() {
    const begin = await postJSON("/auth/passkey/login/begin", {});
    if (!begin.ok) throw new Error(errorText(begin));
    const cred = await navigator.credentials.get({ publicKey: requestOptions(begin.data) });
    const fin = await postJSON("/auth/passkey/login/finish", credentialJSON(cred));
    if (!fin.ok) throw new Error(errorText(fin));
    return fin.data;
  }

  async function showSession(sess) {
    const box = document.getElementById("session");
    if (!box) return;
    const rec = await getKey(sess.key);
    box.textContent = "";
    const p = document.createElement("p");
    p.id = "signed-in";
    p.textContent = "Signed in as " + sess.delegate + " for " + sess.actor + ". " +
      (rec ? "This browser holds key " + sess.key + " and signs your actions with it."
           : "This browser does not hold key " + sess.key + ": set up this browser below before acting from it.");
    box.appendChild(p);
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/auth/signout";
    const b = document.createElement("button");
    b.type = "submit";
    b.id = "signout";
    b.textContent = "Sign out";
    form.appendChild(b);
    box.appendChild(form);
  }

  // --- the sign-in page ----------------------------------------------------
  function setupSignin() {
    const status = document.getElementById("status");
    const signinBtn = document.getElementById("passkey-signin");
    if (signinBtn) signinBtn.addEventListener("click", async () => {
      say(status, "Waiting for your passkey…");
      try {
        const sess = await signInWithPasskey();
        await showSession(sess);
        say(status, "Signed in as " + sess.actor + ".");
      } catch (e) { say(status, "Sign-in failed: " + e.message, true); }
    });

    const form = document.getElementById("enrol-form");
    if (!form) return;
    let pending = null; // { rec, signed }
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const actor = document.getElementById("enrol-actor").value.trim();
      const delegate = document.getElementById("enrol-delegate").value.trim();
      try {
        const rec = await newKey(actor, delegate);
        // A day to co-sign it; the server accepts at most 7.
        const signed = await signedRequest(rec, "_registry", actor, "enrol", { key: rec.pub, delegate: delegate }, 24 * 3600 * 1000);
        pending = { rec: rec, signed: signed };
        document.getElementById("enrol-request").value = JSON.stringify(signed, null, 2);
        document.getElementById("enrol-step2").hidden = false;
        say(status, "This browser made key " + rec.pub + ". Co-sign the request below with your delegate key.");
      } catch (e) { say(status, "Could not make a key in this browser: " + e.message, true); }
    });
    document.getElementById("enrol-submit").addEventListener("click", async () => {
      if (!pending) return;
      let cosigned;
      try { cosigned = JSON.parse(document.getElementById("enrol-signed").value); }
      catch (e) { say(status, "The pasted text is not JSON: " + e.message, true); return; }
      if (!cosigned || cosigned.request !== pending.signed.request) {
        say(status, "The pasted request is not the one this browser signed.", true);
        return;
      }
      say(status, "Enrolling this browser's key…");
      const r = await postJSON("/api/requests", cosigned);
      if (!r.ok) { say(status, "Enrolment refused: " + errorText(r), true); return; }
      say(status, "Key enrolled. Making a passkey…");
      try {
        const sess = await registerPasskey(pending.rec);
        await showSession(sess);
        say(status, "Passkey made; signed in as " + sess.actor + ".");
      } catch (e) { say(status, "The key is enrolled, but the passkey failed: " + e.message, true); }
    });
  }

  // --- acting on the pact page ----------------------------------------------
  // Every form.act and form.vote names its command (data-command), the pact,
  // actor and browser key it signs with, and its live region (data-status).
  // args turns a form's fields into the command's arguments; a field left
  // empty is left out, so the server names it if it is needed.
  function field(form, name) {
    const el = form.elements.namedItem(name);
    return el ? el.value.trim() : "";
  }
  function opt(v) { return v === "" ? undefined : v; }
  function num(form, name) { const v = field(form, name); return v === "" ? undefined : Number(v); }
  function amount(form) { return num(form, "amount"); }
  // salt is 32 random bytes in hexadecimal: a reservation value's secret
  // share of the seed its bargaining's split is drawn from.
  function salt() {
    return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, "0")).join("");
  }
  const args = {
    vote: (f) => ({ proposal: f.dataset.proposal, choice: field(f, "choice"), reason: opt(field(f, "reason")) }),
    comment: (f) => ({ proposal: opt(f.dataset.proposal || ""), dispute: opt(f.dataset.dispute || ""), text: field(f, "text") }),
    join: () => ({}),
    bargain: (f) => ({ title: field(f, "title"), parties: field(f, "parties").split(",").map((x) => x.trim()).filter((x) => x), total: num(f, "total"), resource: field(f, "resource"), kind: opt(field(f, "kind")) }),
    reserve: (f) => ({ bargaining: f.dataset.bargaining, value: num(f, "value"), salt: salt() }),
    appoint: (f) => ({ dispute: f.dataset.dispute, role: field(f, "role"), actor: field(f, "actor") }),
    resolve: (f) => ({ dispute: f.dataset.dispute, outcome: field(f, "outcome") }),
    propose: (f) => ({ matter: field(f, "matter"), title: field(f, "title"), text: opt(field(f, "text")), subject: opt(field(f, "subject")) }),
    pledge: (f) => ({ resource: field(f, "resource"), amount: amount(f), due: field(f, "due") ? field(f, "due") + "T00:00:00Z" : undefined }),
    contribute: (f) => ({ commitment: opt(field(f, "commitment")), resource: opt(field(f, "resource")), amount: amount(f) }),
    dispute: (f) => ({ against: [field(f, "against")], subject: field(f, "subject") }),
    escalate: (f) => ({ dispute: field(f, "dispute") }),
    notice: () => ({}),
  };

  // told says in words what the events a request appended mean.
  function told(events, pact) {
    const out = [];
    for (const e of events || []) {
      const d = e.data;
      switch (e.type) {
        case "proposal_opened": out.push((d.proposal.matter === "admission" ? "The admission of " + d.proposal.subject + " is put to the vote as " : "Proposal ") + d.proposal.id + (d.proposal.matter === "admission" ? ", open until " : " is open until ") + d.proposal.closes.slice(0, 10) + "."); break;
        case "vote_cast": out.push("Your vote (" + d.choice + ") on " + d.proposal + " is recorded."); break;
        case "proposal_decided": out.push("Outcome: " + d.proposal + " is " + d.decision.outcome + ": " + d.decision.reason + "."); break;
        case "commitment_made": out.push("Pledge " + d.commitment.id + " recorded: " + d.commitment.amount + " " + d.commitment.resource + " due " + d.commitment.due.slice(0, 10) + "."); break;
        case "contribution_made": out.push("Contribution " + d.contribution.id + " recorded: " + d.contribution.amount + " " + d.contribution.resource + (d.contribution.commitment ? " against " + d.contribution.commitment : "") + "."); break;
        case "dispute_opened": out.push("Dispute " + d.dispute.id + " raised with " + d.dispute.parties.slice(1).join(", ") + ", at " + d.dispute.stage + "."); break;
        case "dispute_escalated": out.push("Dispute " + d.dispute + " is now at " + d.stage + "."); break;
        case "notice_given": out.push("Notice given: you leave on " + d.effective.slice(0, 10) + "."); break;
        case "bargaining_opened": out.push("Bargaining " + d.bargaining.id + (d.bargaining.kind === "costs" ? " over a contribution schedule" : "") + " is open: each party now states its value privately."); break;
        case "reservation_stated": out.push("Your value in " + d.bargaining + " is recorded, readable only by the secretariat."); break;
        case "comment_posted": out.push("Your comment on " + (d.proposal || d.dispute) + " is recorded."); break;
        case "member_admitted": out.push(d.member + (d.via === "open" ? " joined." : " was admitted by " + d.via + ".")); break;
        case "neutral_appointed": out.push(d.actor + " is now " + d.role + " of dispute " + d.dispute + "."); break;
        case "dispute_resolved": out.push("Dispute " + d.dispute + " is closed: " + d.outcome + "."); break;
        case "pact_founded": out.push("The " + d.pact.kind + " " + d.pact.name + " is founded, with " + d.founders.join(", ") + "."); break;
        case "member_left": out.push(d.member + " left the pact."); break;
      }
    }
    // A vote that did not settle its proposal: say where it stands.
    for (const e of events || []) {
      if (e.type !== "vote_cast" || !pact) continue;
      const p = (pact.proposals || []).find((x) => x.id === e.data.proposal);
      if (p && !p.decision) out.push("It is still open: " + Object.keys(p.votes || {}).length + " of " + p.electorate.length + " have voted.");
    }
    return out.join(" ");
  }

  // refusal names the form field the server refused, by its label.
  function refusal(form, r) {
    const e = r.data && r.data.error;
    if (!e) return "the server answered " + r.status;
    const name = (e.field || "").replace(/^request\.args\./, "").replace(/\[\d+\]$/, "");
    const el = name && form.elements.namedItem(name);
    if (el && el.id) {
      el.setAttribute("aria-invalid", "true");
      const label = form.querySelector('label[for="' + el.id + '"]');
      const text = label ? label.firstChild.textContent.trim() : name;
      return text + " (" + e.field + "): " + e.message;
    }
    if (e.field === "by") return "you (" + form.dataset.actor + "): " + e.message;
    return (e.field ? e.field + ": " : "") + e.message;
  }

  // refresh shows the page's data-refresh regions as they now stand.
  async function refresh() {
    const page = await fetch(location.pathname, { credentials: "same-origin" });
    const doc = new DOMParser().parseFromString(await page.text(), "text/html");
    for (const el of document.querySelectorAll("[data-refresh]")) {
      const fresh = doc.getElementById(el.id);
      el.innerHTML = fresh ? fresh.innerHTML : "";
      revealScripted(el);
    }
  }

  // A request that needs others' signatures too (a founding, appointing a
  // neutral, a settlement, admitting an actor that did not ask) becomes a
  // draft: the server holds it while each signer adds a signature from
  // their own session, and submits it once all have signed.
  function needsDraft(form, command, a) {
    return form.dataset.draft === "yes" || (command === "propose" && a.matter === "admission" && a.subject);
  }

  function setupActions() {
    document.addEventListener("submit", async (ev) => {
      const form = ev.target;
      if (form.dataset && form.dataset.cosign) { ev.preventDefault(); await cosign(form); return; }
      const command = form.dataset && form.dataset.command;
      // A form may carry its command's arguments whole (data-args): the
      // founding and the amendment the page previewed, exactly.
      if (!command || !(args[command] || form.dataset.args)) return;
      ev.preventDefault();
      const d = form.dataset;
      let status = document.getElementById(d.status);
      say(status, "Signing…");
      for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
      let r, rec, draft;
      try {
        rec = await getKey(d.key);
        if (!rec) {
          result(status, "This browser does not hold key " + d.key + ", so it cannot sign for you. Set up this browser on the sign-in page, or use the command line.", true);
          return;
        }
        const a = d.args ? JSON.parse(d.args) : args[command](form);
        draft = needsDraft(form, command, a);
        const lifetime = draft ? Number(d.lifetime || 6 * 24 * 3600 * 1000) : 3600 * 1000;
        // A request about a classified item carries its class: the
        // form's, or that of the dispute or commitment chosen in its select.
        const chosen = form.elements.namedItem("dispute") || form.elements.namedItem("commitment");
        const cls = (chosen && chosen.selectedOptions && chosen.selectedOptions[0] && chosen.selectedOptions[0].dataset.class) || d.class;
        const signed = await signedRequest(rec, d.pact, d.actor, command, a, lifetime, cls);
        r = await postJSON(draft ? "/drafts" : "/api/requests", signed);
      } catch (e) { result(status, "Nothing was recorded: " + e.message, true); return; }
      if (!r.ok) { result(status, "Refused: " + refusal(form, r), true); return; }
      let out = r.data;
      if (draft && !out.result) {
        const waiting = out.need.filter((x) => out.signed.indexOf(x) < 0).sort();
        result(status, "Signed by you. Waiting for " + waiting.join(", ") + " to co-sign: it is in their list of what needs them, and at", false, { href: out.url, text: "this draft's page" });
        return;
      }
      if (draft) out = out.result;
      let msg = "Recorded.";
      try { msg = told(out.events, out.pact) || msg; } catch (e) { /* the entry stands; only its summary failed */ }
      msg += " Signed by this browser's key " + rec.pub.slice(0, 12) + ".";
      if (d.args) { result(status, msg, false, { href: "/pacts/" + d.pact, text: "Go to the pact's page" }); return; }
      try { await refresh(); } catch (e) { /* recorded; the page is only stale */ }
      // The refresh may have replaced the live region (a thread's own).
      status = document.getElementById(d.status) || status;
      result(status, msg);
    });
  }

  // cosign adds this browser's signature to a draft's exact request.
  async function cosign(form) {
    const d = form.dataset;
    const status = document.getElementById(d.status);
    say(status, "Signing…");
    let r;
    try {
      const rec = await getKey(d.key);
      if (!rec) { result(status, "This browser does not hold key " + d.key + ", so it cannot sign for you.", true); return; }
      const sig = await sign(rec, enc.encode("entente request v1\n" + d.request));
      r = await postJSON("/drafts/" + d.cosign + "/signatures", { key: rec.pub, sig: b64(sig) });
    } catch (e) { result(status, "Nothing was recorded: " + e.message, true); return; }
    if (!r.ok) { result(status, "Refused: " + errorText(r), true); return; }
    form.hidden = true;
    if (!r.data.result) {
      const waiting = r.data.need.filter((x) => r.data.signed.indexOf(x) < 0).sort();
      result(status, "Signed. Still waiting for " + waiting.join(", ") + ".");
      return;
    }
    const res = r.data.result;
    result(status, "Every signer has signed, and it is recorded. " + (told(res.events, res.pact) || ""), false, { href: "/pacts/" + res.log, text: "Go to the pact's page" });
  }

  function revealScripted(root) {
    for (const el of root.querySelectorAll(".js-only")) el.hidden = false;
  }

  revealScripted(document);
  // htmx swaps in parts of a page (the agreement editor's preview): what
  // only script can use is revealed there too.
  document.addEventListener("htmx:afterSwap", () => revealScripted(document));
  setupSignin();
  setupActions();
})();
