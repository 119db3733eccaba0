// Answers a `simulate --batch` JSON-lines file with an independent open-source evaluator,
// @cloud-copilot/iam-simulate (npm, AGPL-3.0; run as a separate program, nothing of it is copied or bundled), so that
// tools/bench/batch-bench.py --independent DIR can put its decisions and its speed beside ours (issue #13).
//
//   npm install --prefix DIR @cloud-copilot/iam-simulate@0.1.173      # once; offline afterwards
//   node tools/bench/iam-simulate-batch.mjs DIR FILE > answers.jsonl   # {"id": ..., "decision": ...} per line
//
// Handles what the benchmark batch uses: {"policySet": {"id", "identityPolicies"}} definitions and request lines
// with action, resource, principal, context and "policySet". Lines with {?} (our unknown parts, which the other
// evaluator does not have) are answered "skipped". Prints to stderr the CPU seconds (user+sys) of the answering loop
// alone (after Node's start and the module's load) and of the whole process.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const [dir, file] = process.argv.slice(2)
if (!dir || !file) {
  console.error('usage: node iam-simulate-batch.mjs NODE_PREFIX_DIR BATCH.jsonl')
  process.exit(2)
}
const require = createRequire(path.join(path.resolve(dir), 'node_modules', 'x.js'))
const { runSimulation } = require('@cloud-copilot/iam-simulate')

const DECISION = { Allowed: 'allowed', ExplicitlyDenied: 'explicit_deny', ImplicitlyDenied: 'implicit_deny' }

const sets = new Map()
const out = []
const lines = readFileSync(file, 'utf8').split('\n')
const start = process.cpuUsage()
let answered = 0
for (const text of lines) {
  if (!text.trim()) continue
  const line = JSON.parse(text)
  if (line.policySet && typeof line.policySet === 'object') {
    sets.set(line.policySet.id, (line.policySet.identityPolicies || []).map((p, i) => ({ name: 'p' + i, policy: p })))
    continue
  }
  if (line.resource.includes('{?}')) {
    out.push(JSON.stringify({ id: line.id, decision: 'skipped' }))
    continue
  }
  const account = (line.resource.split(':')[4] || '').match(/^\d{12}$/) ? line.resource.split(':')[4] : '111122223333'
  const context = {}
  for (const [k, v] of Object.entries(line.context || {})) {
    context[k] = Array.isArray(v) ? v.map(String) : String(v)
  }
  const response = await runSimulation({
    identityPolicies: sets.get(line.policySet) || [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: {
      principal: line.principal,
      action: line.action,
      resource: { resource: line.resource, accountId: account },
      contextVariables: context
    }
  }, {})
  const decision = response.resultType === 'error' ? 'error: ' + JSON.stringify(response.errors).slice(0, 200)
    : DECISION[response.overallResult] || response.overallResult
  out.push(JSON.stringify({ id: line.id, decision }))
  answered++
}
const loop = process.cpuUsage(start)
const all = process.cpuUsage()
process.stdout.write(out.join('\n') + '\n')
console.error(JSON.stringify({ answered, loopCpuSeconds: (loop.user + loop.system) / 1e6,
  processCpuSeconds: (all.user + all.system) / 1e6 }))
