// Entente's record check: the browser verifies a pact's log itself.
//
// It fetches the server's public key, the log's signed tree head and every
// entry, hashes each entry as RFC 6962 does (SHA-256 of 0x00 and the
// entry's bytes), recomputes the Merkle root from the leaves, and checks
// that it is the root the head carries and that the head's Ed25519
// signature verifies under the key. An entry the reader may not read is
// served as its leaf hash only: it still counts in the root. Nothing here
// trusts the server's word: a changed entry, leaf or root is caught.
"use strict";
(function () {
  const box = document.getElementById("record");
  const out = document.getElementById("record-check");
  if (!box || !out || !crypto.subtle) return;
  const log = box.dataset.log;
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
  // root is the RFC 6962 Merkle tree hash of leaves.
  async function root(leaves) {
    if (leaves.length === 0) return sha256();
    if (leaves.length === 1) return leaves[0];
    let k = 1;
    while (k * 2 < leaves.length) k *= 2;
    return nodeHash(await root(leaves.slice(0, k)), await root(leaves.slice(k)));
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

  async function check() {
    const key = await get("/api/key");
    const head = await get("/api/logs/" + encodeURIComponent(log) + "/head");
    const leaves = [];
    let redacted = 0;
    while (leaves.length < head.size) {
      const page = await get("/api/logs/" + encodeURIComponent(log) + "/entries?from=" + leaves.length + "&to=" + head.size);
      if (page.length === 0) throw new Error("the server served no entry from " + leaves.length);
      for (const e of page) {
        if (e.index !== leaves.length) return say("This record does NOT verify: the server served entry " + e.index + " where " + leaves.length + " belongs.", true);
        if (e.redacted) {
          redacted++;
          leaves.push(unhex(e.leaf_hash));
          continue;
        }
        const leaf = await leafHash(enc.encode(e.raw));
        if (hex(leaf) !== e.leaf_hash) return say("This record does NOT verify: entry " + e.index + " does not hash to its leaf hash: it was changed.", true);
        leaves.push(leaf);
      }
    }
    const got = hex(await root(leaves));
    if (got !== head.root) return say("This record does NOT verify: its " + head.size + " entries make the root " + got.slice(0, 16) + "…, not the signed " + head.root.slice(0, 16) + "….", true);
    const raw = unb64(key.public_key.trim().split(" ")[1]);
    const pub = await crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
    const msg = enc.encode("entente tree head v1\n" + head.log + "\n" + head.size + "\n" + head.root + "\n" + head.time + "\n");
    if (!(await crypto.subtle.verify({ name: "Ed25519" }, pub, unb64(head.signature), msg))) {
      return say("This record does NOT verify: the tree head's signature does not match the server's key " + key.key_id + ".", true);
    }
    let text = "Checked in your browser: all " + head.size + " entries hash to the root the server signed with key " + key.key_id + "; the signature is valid.";
    if (redacted) text += " " + redacted + " of them you may not read; they count by their hashes.";
    if (head.witnesses && head.witnesses.length) text += " Witnessed by " + head.witnesses.map((w) => w.actor + " at " + w.size).join(", ") + ".";
    say(text);
  }

  check().catch((e) => say("The record could not be checked: " + e.message, true));
})();
