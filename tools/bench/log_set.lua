-- wrk script: tick a set the way the workout page does with JavaScript on (an htmx
-- POST with the page's CSRF token), each request a new set with its own id.
-- Arguments after "--": the form body with "{set_id}" where the id goes.
-- Each wrk thread runs this file in a Lua state of its own; setup() numbers the
-- threads so that no two draw the same ids.

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

function init(args)
  math.randomseed(os.time() * 100 + number)
  body = args[1]
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["HX-Request"] = "true"
end

local function hex(digits)
  local text = ""
  for _ = 1, digits do
    text = text .. string.format("%x", math.random(0, 15))
  end
  return text
end

function request()
  local id = hex(8) .. "-" .. hex(4) .. "-4" .. hex(3) .. "-a" .. hex(3) .. "-" .. hex(12)
  return wrk.format(nil, nil, nil, (body:gsub("{set_id}", id)))
end
