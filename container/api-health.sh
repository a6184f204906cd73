#!/bin/bash
# The API container's health check (docker-compose.yml): GET /readyz on the first address the API
# listens on (ASPNETCORE_URLS), over bash's /dev/tcp (the image has no curl). Healthy is 200: the
# engine answers and the store opens.
url=${ASPNETCORE_URLS%%;*}
url=${url#*://}
url=${url%/}
host=${url%:*} port=${url##*:}
case $host in '' | '*' | '+' | 0.0.0.0 | '[::]') host=127.0.0.1 ;; esac
host=${host#[} host=${host%]}
exec 3<>"/dev/tcp/$host/$port" || exit 1
printf 'GET /readyz HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 10 status <&3 && [[ $status == *' 200 '* ]]
