// Entente's record check: the browser verifies a pact's log itself.
//
// It fetches the server's public key and the log's signed tree head, and
// checks the head's Ed25519 signature under the key. Then, for each entry
// the timeline shows (and those "more" loads later), it fetches the entry's
// bytes and its inclusion path in the signed tree, hashes the entry as RFC
// 6962 does (SHA-256 of 0x00 and the entry's bytes), and climbs the path to
// the root (RFC 9162, 2.1.3.2): the entry is in the signed record only if
// the climb ends at the root the head carries. An entry the reader may not
// read is served as its leaf hash only: its path is checked from that hash.
// The work grows with the entries shown, not with the log. Nothing here
// trusts the server's word: a changed entry or path is caught and named.
"use strict";
(function () {
  const box = document.getElementById("record");
  const out = document.getElementById("record-check");
  if (!box || !out || !crypto.subtle) return;
  const log = box.dataset.log;
  const base = "/api/logs/" + encodeURIComponent(log);
  const enc = new TextEncoder();

  const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  const unhex = (s) => new Uint8Array(s.match(/../g).map((h) => parseInt(h, 16)));
  const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  async function sha256(...parts) {
    const n = parts.reduce((a, p) => a + p.length, 0);
    const buf = new Uint8Array(n);
    let at = 0;
    for (const p of parts) { buf.set(p, at); at += p.length; }
    return new Uint8Array(await crypto.subtle.digest("SHA-256", buf));
  }
  const leafHash = (bytes) => sha256(new Uint8Array([0]), bytes);
  const nodeHash = (l, r) => sha256(new Uint8Array([1]), l, r);

  // rootFromPath climbs an inclusion path from the leaf at index in a tree
  // of size, returning the root it reaches, or null for a path of the
  // wrong length (RFC 9162, 2.1.3.2).
  async function rootFromPath(leaf, index, size, path) {
    if (index >= size) return null;
    let fn = index, sn = size - 1, r = leaf;
    for (const p of path) {
      if (sn === 0) return null;
      if (fn % 2 === 1 || fn === sn) {
        r = await nodeHash(p, r);
        if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
      } else {
        r = await nodeHash(r, p);
      }
      fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
    }
    return sn === 0 ? r : null;
  }
  async function get(path) {
    const r = await fetch(path, { headers: { Accept: "application/json" } });
    if (!r.ok) throw new Error(path + " answered " + r.status);
    return r.json();
  }
  function say(text, bad) {
    out.textContent = text;
    out.classList.toggle("bad", !!bad);
    out.classList.toggle("good", !bad);
  }
  // mark shows a row's result beside its entry number.
  function mark(row, ok, why) {
    row.dataset.proof = ok ? "ok" : "bad";
    const cell = row.querySelector("td");
    if (!cell) return;
    let b = cell.querySelector(".proof");
    if (!b) { b = document.createElement("span"); cell.append(" ", b); }
    b.className = "proof badge " + (ok ? "fulfilled" : "overdue");
    b.textContent = ok ? "proven" : "NOT proven";
    b.title = why;
  }

  let signed = null; // {key, head}, once the head's signature checked out
  let bad = [], proven = 0, redacted = 0;

  async function signedHead() {
    const key = await get("/api/key");
    const head = await get(base + "/head");
    const raw = unb64(key.public_key.trim().split(" ")[1]);
    const pub = await crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
    const msg = enc.encode("entente tree head v1\n" + head.log + "\n" + head.size + "\n" + head.root + "\n" + head.time + "\n");
    if (!(await crypto.subtle.verify({ name: "Ed25519" }, pub, unb64(head.signature), msg))) return { key, head, forged: true };
    return { key, head, root: unhex(head.root) };
  }

  // entries fetches entries [from, to) of the log, page by page.
  async function entries(from, to) {
    const got = new Map();
    let at = from;
    while (at < to) {
      const page = await get(base + "/entries?from=" + at + "&to=" + to);
      if (page.length === 0) throw new Error("the server served no entry from " + at);
      for (const e of page) got.set(e.index, e);
      at = Math.max(at + 1, page[page.length - 1].index + 1);
    }
    return got;
  }

  // checkRow checks one row's entry against the signed head by its path.
  async function checkRow(row, e) {
    const i = Number(row.dataset.index);
    const { head, root } = signed;
    if (!e || e.index !== i) { mark(row, false, "the server did not serve this entry"); return false; }
    let leaf;
    if (e.redacted) { redacted++; leaf = unhex(e.leaf_hash); } else leaf = await leafHash(enc.encode(e.raw));
    const p = await get(base + "/proof/inclusion?index=" + i + "&size=" + head.size);
    const got = await rootFromPath(leaf, i, head.size, (p.proof || []).map(unhex));
    const ok = got !== null && hex(got) === hex(root);
    mark(row, ok, ok ? "its hash and inclusion path lead to the signed root" : "its bytes or its inclusion path do not lead to the signed root");
    return ok;
  }

  async function checkRows(rows) {
    rows = rows.filter((r) => !r.dataset.proof && Number(r.dataset.index) < signed.head.size);
    if (rows.length === 0) return;
    const idx = rows.map((r) => Number(r.dataset.index));
    const got = await entries(Math.min(...idx), Math.max(...idx) + 1);
    // A few at a time: each is one small request.
    for (let k = 0; k < rows.length; k += 6) {
      const part = rows.slice(k, k + 6);
      const oks = await Promise.all(part.map((r) => checkRow(r, got.get(Number(r.dataset.index)))));
      oks.forEach((ok, j) => { if (ok) proven++; else bad.push(Number(part[j].dataset.index)); });
    }
  }

  function report() {
    const { key, head } = signed;
    if (bad.length) {
      bad.sort((a, b) => a - b);
      return say("This record does NOT verify: entry " + bad.join(", entry ") + " is not in the tree the server signed (its bytes or its inclusion path do not lead to the signed root " + head.root.slice(0, 16) + "…).", true);
    }
    let text = "Checked in your browser: each of the " + proven + " entries shown is in the tree of " + head.size + " entries the server signed with key " + key.key_id + " (its hash climbs its inclusion path to the signed root); the signature is valid.";
    if (redacted) text += " " + redacted + " of them you may not read; they are checked by their hashes.";
    if (head.witnesses && head.witnesses.length) text += " Witnessed by " + head.witnesses.map((w) => w.actor + " at " + w.size).join(", ") + ".";
    say(text);
  }

  async function check() {
    signed = await signedHead();
    if (signed.forged) return say("This record does NOT verify: the tree head's signature does not match the server's key " + signed.key.key_id + ".", true);
    await checkRows(Array.from(box.querySelectorAll("tr[data-index]")));
    report();
  }

  // Checks run one after another: htmx may settle more than once for one
  // "more", and two checks running at once would both take the rows not
  // yet marked and count them twice.
  let checks = check().catch((e) => say("The record could not be checked: " + e.message, true));
  // Rows that "more" brings in are checked against the same signed head.
  document.addEventListener("htmx:afterSettle", (ev) => {
    if (!box.contains(ev.target)) return;
    checks = checks.then(async () => {
      if (!signed || signed.forged) return;
      try { await checkRows(Array.from(box.querySelectorAll("tr[data-index]"))); report(); } catch (e) { say("The record could not be checked: " + e.message, true); }
    });
  });
})();
