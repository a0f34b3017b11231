// open() in an imported module reads a file next to that module, not next to this script.
import { check } from 'k6';
import { fixture } from './lib/read-fixture.js';

export const options = { iterations: 2 };

export default function () {
  check(fixture, { 'module read its own file': (text) => text.trim() === 'opened from lib' });
}
