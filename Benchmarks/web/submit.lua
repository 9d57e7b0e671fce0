-- POST /api/needs-requests: the whole path (check the answers against the form, bind facts, route, store the case
-- with its audit entry in a transaction, reply). A parent's bearer token comes from the TOKEN environment variable.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local body = [[{"answers":{
"requester_name":"Perpetua Lambourne","relationship":"mother","has_parental_responsibility":"yes","aged_18_or_over":true,
"contact_email":"perpetua@example.org","preferred_contact":"email",
"child_name":"Orrin Lambourne","child_dob":"2016-09-14","child_address":"12 Greatorex Lane, Netherby","child_postcode":"NB3 7QT",
"areas_affected":["COMM","LD","BEH"],"sleep_help":"a-lot-extra","nights_disturbed_per_week":5,
"household":[{"member_name":"Mabyn Lambourne","member_age":13,"member_disabled":false,"member_helps_caring":true,"member_cares_for_others":false,"member_caring_tasks":"Sits with Orrin"}],
"enough_sleep":false,"caring_affects_health":"a-lot","want_parent_carer_assessment":"yes",
"requests_made":["assessment","short-breaks-day","help-at-home"],"urgency":"routine",
"consent_to_assessment":true,"privacy_notice_acknowledged":true}}]]

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

function response(status, headers, body)
  if status ~= 201 and not reported then
    reported = true
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
