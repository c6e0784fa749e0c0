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
  async function signedRequest(rec, log, actor, command, args, lifetimeMs) {
    const request = JSON.stringify({
      v: 1, log: log, actor: actor, command: command, args: args,
      nonce: nonce(), expires: new Date(serverNow() + lifetimeMs).toISOString(),
    });
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

  function say(el, text, bad) {
    if (!el) return;
    el.textContent = text;
    el.classList.toggle("bad", !!bad);
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

  // --- voting on the pact page ---------------------------------------------
  function setupVotes() {
    const region = document.getElementById("proposals");
    if (!region) return;
    region.addEventListener("submit", async (ev) => {
      const form = ev.target.closest("form.vote");
      if (!form) return;
      ev.preventDefault();
      const status = document.getElementById("vote-status");
      const d = form.dataset;
      const choice = form.elements.choice.value;
      const rec = await getKey(d.key);
      if (!rec) {
        say(status, "This browser does not hold key " + d.key + ", so it cannot sign your vote. Set up this browser on the sign-in page, or vote with the CLI.", true);
        return;
      }
      say(status, "Signing your vote…");
      const signed = await signedRequest(rec, d.pact, d.actor, "vote", { proposal: d.proposal, choice: choice }, 3600 * 1000);
      const r = await postJSON("/api/requests", signed);
      if (!r.ok) { say(status, "Vote refused: " + errorText(r), true); return; }
      const msg = "Your vote (" + choice + ") on " + d.proposal + " is recorded, signed by this browser's key " + rec.pub.slice(0, 12) + ".";
      // Show the proposals as they now stand.
      try {
        const page = await fetch(location.pathname, { credentials: "same-origin" });
        const doc = new DOMParser().parseFromString(await page.text(), "text/html");
        const fresh = doc.getElementById("proposals");
        if (fresh) {
          region.innerHTML = fresh.innerHTML;
          revealScripted(region);
        }
      } catch (e) { /* the vote stands; the table is only stale */ }
      say(document.getElementById("vote-status"), msg);
    });
  }

  function revealScripted(root) {
    for (const el of root.querySelectorAll(".js-only")) el.hidden = false;
  }

  revealScripted(document);
  setupSignin();
  setupVotes();
})();
