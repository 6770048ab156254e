// Loaded with `node --require` before the toolchain's wasm_exec_node.js.
// Node.js 19 and later define globalThis.crypto as a getter-only property;
// wasm_exec_node.js of go1.20 and older assigns to it and dies with
// "Cannot set property crypto of #<Object> which has only a getter". Making
// the property writable lets the old script install its polyfill; newer
// scripts (`globalThis.crypto ??= ...`) keep Node's own, which works too.
"use strict";
const d = Object.getOwnPropertyDescriptor(globalThis, "crypto");
if (d && d.configurable && !("value" in d)) {
	Object.defineProperty(globalThis, "crypto", {
		value: globalThis.crypto,
		writable: true,
		configurable: true,
		enumerable: d.enumerable,
	});
}
