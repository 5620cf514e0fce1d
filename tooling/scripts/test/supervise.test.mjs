// One app exiting on its own stops the others, and `npm start` exits with that app's code.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createSupervisor } from '../supervise.mjs'

test('an unexpected exit stops every other app and is reported as the exit code', async () => {
  const supervisor = createSupervisor()
  const longRunning = supervisor.start({
    name: 'long',
    color: 'cyan',
    command: process.execPath,
    args: ['-e', 'setInterval(() => {}, 1000)'],
    env: process.env,
  })
  supervisor.start({
    name: 'crashes',
    color: 'red',
    command: process.execPath,
    args: ['-e', 'process.exit(3)'],
    env: process.env,
  })
  const code = await supervisor.done()
  assert.equal(code, 3)
  assert.equal(supervisor.isStopping(), true)
  assert.equal(longRunning.signalCode, 'SIGTERM')
})
