"""Sending SMS: a backend interface and the backends gongkai ships.

``GONGKAI_SMS_BACKEND`` names the class (a dotted path). Each backend's ``send``
returns the gateway's reference for the message, or raises ``SmsError`` saying why
it was not sent; the notice keeps either.

- ``ConsoleBackend`` (the default) writes each message to the standard output;
- ``FileBackend`` appends each message as one JSON line to a file in
  ``GONGKAI_SMS_FILE_PATH``;
- ``LocmemBackend`` keeps them in ``outbox`` (tests);
- ``HttpGatewayBackend`` posts them, as JSON, to a commercial SMS gateway
  (``GONGKAI_SMS_GATEWAY_*``).
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsError(Exception):
    """The message was not sent; the text says why (kept on the notice)."""


@dataclass(frozen=True)
class Sms:
    phone: str
    text: str
    kind: str = ""
    # What a gateway that sends only registered templates fills its template with.
    params: dict[str, str] = field(default_factory=dict)


class BaseBackend:
    def send(self, message: Sms) -> str:
        raise NotImplementedError


def backend() -> BaseBackend:
    """The configured backend."""
    cls = import_string(settings.GONGKAI_SMS_BACKEND)
    instance: BaseBackend = cls()
    return instance


def signed(text: str) -> str:
    """The text as the phone shows it, with the sign the gateway adds."""
    sign = settings.GONGKAI_SMS_SIGN_NAME
    return f"【{sign}】{text}" if sign else text


def _reference() -> str:
    return uuid.uuid4().hex


class ConsoleBackend(BaseBackend):
    """Writes each message to the standard output (development)."""

    def send(self, message: Sms) -> str:
        sys.stdout.write(f"SMS to {message.phone}: {signed(message.text)}\n")
        sys.stdout.flush()
        return _reference()


class FileBackend(BaseBackend):
    """Appends each message as one JSON line to ``sms.jsonl`` in
    ``GONGKAI_SMS_FILE_PATH``."""

    def send(self, message: Sms) -> str:
        folder = Path(settings.GONGKAI_SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        reference = _reference()
        line = {
            "id": reference,
            "at": timezone.now().isoformat(),
            "phone": message.phone,
            "text": signed(message.text),
            "kind": message.kind,
        }
        with (folder / "sms.jsonl").open("a", encoding="utf-8") as out:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        return reference


class LocmemBackend(BaseBackend):
    """Keeps each message in ``LocmemBackend.outbox`` (tests)."""

    outbox: list[Sms] = []

    def send(self, message: Sms) -> str:
        LocmemBackend.outbox.append(message)
        return _reference()


class HttpGatewayBackend(BaseBackend):
    """A commercial SMS gateway reached over HTTP(S).

    Posts ``{"phone", "sign_name", "template_id", "text", "params", "kind"}`` as
    JSON to ``GONGKAI_SMS_GATEWAY_URL`` with the key in the ``Authorization``
    header (``Bearer KEY``) and waits at most ``GONGKAI_SMS_GATEWAY_TIMEOUT``
    seconds. The gateway answers JSON with a ``code`` (``0`` or ``OK`` is
    accepted; any of ``GONGKAI_SMS_GATEWAY_OK_CODES``), a ``message`` and the
    message's ``id``. A refusal (HTTP error, time-out, another code) raises
    ``SmsError``. Gateways that send registered templates only (Aliyun, Tencent
    Cloud) take ``template_id`` (``GONGKAI_SMS_TEMPLATE_IDS`` by notice kind) and
    ``params``; a small proxy in front of such a gateway maps this body to its own
    signed API."""

    def send(self, message: Sms) -> str:
        url = settings.GONGKAI_SMS_GATEWAY_URL
        if not url:
            raise SmsError("未配置短信网关地址（GONGKAI_SMS_GATEWAY_URL）。")
        if not url.startswith(("https://", "http://")):
            raise SmsError("短信网关地址须以 https:// 或 http:// 开头。")
        body = {
            "phone": message.phone,
            "sign_name": settings.GONGKAI_SMS_SIGN_NAME,
            "template_id": settings.GONGKAI_SMS_TEMPLATE_IDS.get(message.kind, ""),
            "text": message.text,
            "params": message.params,
            "kind": message.kind,
        }
        request = urllib.request.Request(
            url,
            data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {settings.GONGKAI_SMS_GATEWAY_KEY}",
            },
            method="POST",
        )
        answer = self._post(request)
        code = str(answer.get("code", ""))
        if code not in {str(c) for c in settings.GONGKAI_SMS_GATEWAY_OK_CODES}:
            said = answer.get("message") or answer.get("msg") or ""
            raise SmsError(f"短信网关拒绝发送：代码 {code or '（无）'} {said}".strip())
        return str(answer.get("id") or answer.get("biz_id") or "")

    def _post(self, request: urllib.request.Request) -> dict[str, Any]:
        timeout = settings.GONGKAI_SMS_GATEWAY_TIMEOUT
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise SmsError(f"短信网关返回 HTTP {exc.code}。") from exc
        except TimeoutError as exc:
            raise SmsError(f"短信网关 {timeout:g} 秒内没有应答。") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise SmsError(f"短信网关 {timeout:g} 秒内没有应答。") from exc
            raise SmsError(f"无法连接短信网关：{exc.reason}") from exc
        except OSError as exc:
            raise SmsError(f"无法连接短信网关：{exc}") from exc
        try:
            answer = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SmsError("短信网关的应答不是 JSON。") from exc
        if not isinstance(answer, dict):
            raise SmsError("短信网关的应答不是 JSON 对象。")
        return answer
