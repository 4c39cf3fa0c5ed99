// npm test: the dependency npm installed works.
const assert = require('assert');
const { shout } = require('tiny-dep');

assert.strictEqual(shout('hello from npm'), 'HELLO FROM NPM!');
console.log(shout('hello from npm'));
