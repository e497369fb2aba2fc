-- One-row TF-Serving predict request, the same for both servers.
wrk.method = "POST"
wrk.body = '{"instances": [[6.1, 2.8, 4.7, 1.2]]}'
wrk.headers["Content-Type"] = "application/json"
