-- Neovim (0.7 or later), headless, as a plain LSP client of the language
-- server: `node dist/server.js --stdio`. Neovim 0.7 declares no pull
-- diagnostics, so the server pushes them. The test opens two example logs
-- (copies; see run.sh), waits for the diagnostics, applies a quick fix and
-- the fix-all source action through textDocument/codeAction, saves, and
-- checks the files on disk and the diagnostics that follow.
--
--   COUNTING_RULES_SERVER=dist/server.js nvim --headless --clean \
--     -c 'luafile test/nvim/lsp-test.lua' <copy of domestic-abuse.ilog> <copy of sexual-offences.ilog>
--
-- Prints one line per test and `N passed, N failed`; exits 1 on any failure.

local server = os.getenv('COUNTING_RULES_SERVER')
local WAIT_MS = tonumber(os.getenv('DIAG_TIMEOUT_MS') or '20000')
local passed, failed = 0, 0
local started = vim.loop.hrtime()

local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function ms()
  return math.floor((vim.loop.hrtime() - started) / 1e6)
end

local function test(name, fn)
  local ok, err = pcall(fn)
  if ok then
    passed = passed + 1
    out(string.format('ok - %s (%d ms)', name, ms()))
  else
    failed = failed + 1
    out(string.format('not ok - %s\n    %s', name, tostring(err)))
  end
  return ok
end

local function finish()
  out(string.format('nvim %s: %d passed, %d failed', tostring(vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch), passed, failed))
  for _, c in pairs(vim.lsp.get_active_clients()) do
    c.stop()
  end
  if failed > 0 or passed == 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

local function read_file(path)
  local f = assert(io.open(path, 'rb'))
  local text = f:read('*a')
  f:close()
  return text
end

local function split_lines(text)
  local lines = {}
  for line in (text .. (text:sub(-1) == '\n' and '' or '\n')):gmatch('(.-)\r?\n') do
    table.insert(lines, line)
  end
  return lines
end

local function ours(bufnr)
  local ds = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'counting-rules' then table.insert(ds, d) end
  end
  return ds
end

local function describe(ds)
  local parts = {}
  for _, d in ipairs(ds) do table.insert(parts, string.format('%d:%d %s', d.lnum + 1, d.col + 1, tostring(d.code))) end
  return #parts > 0 and table.concat(parts, '; ') or '(none)'
end

-- Waits (processing events, never a fixed sleep) until `ok(diagnostics)` holds.
local function wait_diagnostics(bufnr, ok, what)
  local done = vim.wait(WAIT_MS, function() return ok(ours(bufnr)) end, 20)
  assert(done, string.format('timed out after %d ms waiting for %s; diagnostics: %s', WAIT_MS, what, describe(ours(bufnr))))
  return ours(bufnr)
end

local function count_rule(ds, rule)
  local n = 0
  for _, d in ipairs(ds) do if d.code == rule then n = n + 1 end end
  return n
end

local function request(bufnr, method, params)
  local res, err = vim.lsp.buf_request_sync(bufnr, method, params, WAIT_MS)
  assert(res, string.format('%s: %s', method, tostring(err)))
  for _, r in pairs(res) do
    assert(not r.err, string.format('%s failed: %s', method, vim.inspect(r.err)))
    return r.result
  end
end

local function apply(action, client)
  assert(action.edit, 'the action "' .. action.title .. '" has no edit')
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
end

local function assert_crime_line(line, code_and_title, flags)
  local tail = (flags and (' | flags ' .. flags) or '') .. '$'
  local head = '^Crime: ' .. vim.pesc(code_and_title) .. ' | victim V1 | recorded '
  -- The fix writes the time it was applied, in the file's own date style (dd/mm/yyyy or yyyy-mm-dd).
  local ok = line and (line:match(head .. '%d%d/%d%d/%d%d%d%d %d%d:%d%d' .. tail) or line:match(head .. '%d%d%d%d%-%d%d%-%d%d %d%d:%d%d' .. tail))
  assert(ok, string.format("'%s' is not the crime line the fix writes (%s)", tostring(line), code_and_title))
end

-- The logs: arguments 1 and 2 (copies, which the test edits).
local domestic = vim.fn.fnamemodify(vim.fn.argv(0), ':p')
local sexual = vim.fn.fnamemodify(vim.fn.argv(1), ':p')
local root = vim.fn.fnamemodify(domestic, ':h')
local client_id, client
local dom_buf = vim.fn.bufnr(domestic)
local sex_buf = vim.fn.bufnr(sexual)
local dom_original = read_file(domestic)
local sex_original = read_file(sexual)

local all_ok = test('starts node dist/server.js --stdio and initializes', function()
  assert(server and vim.loop.fs_stat(server), 'COUNTING_RULES_SERVER must name dist/server.js (run npm run build)')
  assert(dom_buf > 0 and sex_buf > 0, 'give the two example logs as arguments')
  client_id = vim.lsp.start_client({
    name = 'counting-rules',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'logs' } },
    -- Answered to workspace/configuration (section countingRules).
    settings = { countingRules = { run = 'onType' } },
  })
  assert(client_id, 'vim.lsp.start_client failed')
  for _, b in ipairs({ dom_buf, sex_buf }) do
    vim.fn.bufload(b)
    vim.api.nvim_buf_set_option(b, 'filetype', 'ilog')
    assert(vim.lsp.buf_attach_client(b, client_id), 'could not attach to buffer ' .. b)
  end
  assert(vim.wait(WAIT_MS, function()
    client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized == true
  end, 20), 'the server did not initialize')
  local caps = client.server_capabilities
  assert(caps.codeActionProvider, 'no codeActionProvider')
  assert(caps.hoverProvider, 'no hoverProvider')
  assert(caps.documentSymbolProvider, 'no documentSymbolProvider')
  assert(caps.diagnosticProvider == nil, 'pull diagnostics offered to a client that did not declare them')
end)

if not all_ok then finish() return end

local finding
test('receives the pushed diagnostic for domestic-abuse.ilog', function()
  local ds = wait_diagnostics(dom_buf, function(ds) return #ds > 0 end, 'the first diagnostics')
  assert(#ds == 1, 'expected exactly one finding, got ' .. describe(ds))
  finding = ds[1]
  assert(finding.code == 'unrecorded-offence', 'code ' .. tostring(finding.code))
  assert(finding.lnum == 17 and finding.col == 11, string.format('at %d:%d', finding.lnum, finding.col))
  assert(finding.severity == vim.diagnostic.severity.WARN, 'severity ' .. tostring(finding.severity))
  local text = vim.api.nvim_buf_get_text(dom_buf, finding.lnum, finding.col, finding.end_lnum, finding.end_col, {})[1]
  assert(text == 'shouting that he will batter', 'range covers ' .. tostring(text))
end)

test('hover explains the Home Office code under the cursor', function()
  local line
  for i, l in ipairs(vim.api.nvim_buf_get_lines(dom_buf, 0, -1, false)) do
    if l:match('^Crime: 105A') then line = i - 1 end
  end
  assert(line, 'no Crime: 105A line')
  local result = request(dom_buf, 'textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(dom_buf) }, position = { line = line, character = 8 } })
  assert(result and result.contents, 'no hover')
  local value = type(result.contents) == 'table' and (result.contents.value or vim.inspect(result.contents)) or tostring(result.contents)
  assert(value:find('105A', 1, true) and value:find('Assault without injury', 1, true), 'hover says: ' .. value)
end)

test('a quick fix from textDocument/codeAction, applied and saved, is right on disk', function()
  assert(finding, 'no finding to fix')
  local lsp_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(dom_buf, finding.lnum, {}, client_id)
  local range = { start = { line = finding.lnum, character = finding.col }, ['end'] = { line = finding.end_lnum, character = finding.end_col } }
  local actions = request(dom_buf, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(dom_buf) },
    range = range,
    context = { diagnostics = lsp_diagnostics, only = { 'quickfix' } },
  })
  local titles, fix = {}, nil
  for _, a in ipairs(actions or {}) do
    table.insert(titles, a.title)
    if a.title == 'Record 9A Public fear, alarm or distress for V1 (DA)' then fix = a end
  end
  assert(fix, 'no "Record 9A" fix among: ' .. table.concat(titles, ' | '))
  assert(fix.isPreferred == true, 'the fix is not preferred')
  -- Without the VS Code client's command, "Disable" is a plain edit.
  local disable
  for _, a in ipairs(actions) do if a.title == 'Disable unrecorded-offence for this line' then disable = a end end
  assert(disable and disable.edit and not disable.command, 'the suppression is not a plain edit for this client')
  apply(fix, client)
  vim.api.nvim_buf_call(dom_buf, function() vim.cmd('silent write') end)
  local before, after = split_lines(dom_original), split_lines(read_file(domestic))
  assert(#after == #before + 1, string.format('%d lines on disk, expected %d', #after, #before + 1))
  for i = 1, 21 do assert(after[i] == before[i], 'line ' .. i .. ' changed') end
  assert_crime_line(after[22], '9A Public fear, alarm or distress', 'DA')
  for i = 22, #before do assert(after[i + 1] == before[i], 'line ' .. (i + 1) .. ' changed') end
end)

test('the server checks the fixed text: the finding is gone, the new crime is late', function()
  wait_diagnostics(dom_buf, function(ds)
    return count_rule(ds, 'unrecorded-offence') == 0 and count_rule(ds, 'late-recording') == 1
  end, 'unrecorded-offence gone and late-recording on the new line')
  local late
  for _, d in ipairs(ours(dom_buf)) do if d.code == 'late-recording' then late = d end end
  assert(late.lnum == 21, 'late-recording on line ' .. (late.lnum + 1))
end)

test('fix-all (source.fixAll.countingRules) applies every preferred fix in sexual-offences.ilog', function()
  wait_diagnostics(sex_buf, function(ds) return count_rule(ds, 'missing-n100') == 2 end, 'two missing-n100 findings')
  local last = vim.api.nvim_buf_line_count(sex_buf)
  local actions = request(sex_buf, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(sex_buf) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { 'source.fixAll.countingRules' } },
  })
  assert(actions and #actions == 1, 'expected one fix-all action, got ' .. vim.inspect(vim.tbl_map(function(a) return a.title end, actions or {})))
  assert(actions[1].title == 'Apply all preferred counting-rules fixes (3)', actions[1].title)
  assert(actions[1].kind == 'source.fixAll.countingRules', tostring(actions[1].kind))
  apply(actions[1], client)
  vim.api.nvim_buf_call(sex_buf, function() vim.cmd('silent write') end)
  local before, after = split_lines(sex_original), split_lines(read_file(sexual))
  assert(#after == #before + 2, string.format('%d lines on disk, expected %d', #after, #before + 2))
  -- Inserted before line 24 (1-based), the N100 on line 42 replaced, inserted before line 64 (65 after the first insertion).
  assert_crime_line(after[24], '19C Rape of a female aged 16 and over')
  assert_crime_line(after[43], '19C Rape of a female aged 16 and over')
  assert_crime_line(after[65], '19C Rape of a female aged 16 and over')
  assert(not read_file(sexual):find('N100: recorded 21/03/2018 11:40', 1, true), 'the N100 is still there')
  wait_diagnostics(sex_buf, function(ds)
    return count_rule(ds, 'missing-n100') == 0 and count_rule(ds, 'n100-should-be-crime') == 0 and count_rule(ds, 'late-recording') == 3
  end, 'the rape findings gone and three late-recording findings')
end)

finish()
