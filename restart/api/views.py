"""The human-readable API reference: our own page, rendered on the server from the generated schema.

Ninja's bundled docs UI loads scripts from a CDN; this page needs no script at all.
"""

from django.shortcuts import redirect, render

from restart.api.api import api

MAX_DEPTH = 4


def _resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema


def _type(schema: dict, components: dict) -> str:
    schema = _resolve(schema, components)
    if "anyOf" in schema:
        return " | ".join(_type(option, components) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return f"array[{_type(schema.get('items', {}), components)}]"
    return schema.get("type", "object" if "properties" in schema else "any")


def _fields(schema: dict, components: dict, prefix: str = "", depth: int = 0) -> list[dict]:
    """Every field of a JSON body, nested ones named like `results[].slug`."""
    schema = _resolve(schema, components)
    rows = []
    required = set(schema.get("required", []))
    for name, field in schema.get("properties", {}).items():
        resolved = _resolve(field, components)
        rows.append({
            "name": prefix + name,
            "type": _type(field, components),
            "required": name in required,
            "description": field.get("description") or resolved.get("description", ""),
        })  # fmt: skip
        if depth < MAX_DEPTH:
            if resolved.get("type") == "array":
                rows += _fields(resolved.get("items", {}), components, f"{prefix}{name}[].", depth + 1)
            elif "properties" in resolved:
                rows += _fields(resolved, components, f"{prefix}{name}.", depth + 1)
    return rows


def _operations(schema: dict) -> list[dict]:
    components = schema.get("components", {}).get("schemas", {})
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            responses = []
            for status, response in operation.get("responses", {}).items():
                body = response.get("content", {}).get("application/json", {}).get("schema", {})
                responses.append({"status": status, "fields": _fields(body, components)})
            operations.append({
                "id": operation.get("operationId", f"{method}-{path}"),
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "needs_token": bool(operation.get("security")),
                "parameters": [
                    {
                        "name": parameter["name"],
                        "in": parameter["in"],
                        "type": _type(parameter.get("schema", {}), components),
                        "required": parameter.get("required", False),
                        "default": parameter.get("schema", {}).get("default"),
                        "description": parameter.get("description", ""),
                    }
                    for parameter in operation.get("parameters", [])
                ],
                "responses": responses,
            })  # fmt: skip
    return operations


def reference(request):
    schema = api.get_openapi_schema()
    return render(
        request,
        "api/reference.html",
        {"schema": schema, "operations": _operations(schema)},
    )


def reference_redirect(request):
    """/api/v1/docs, the address developers guess, opens the reference in the current language."""
    return redirect("api_reference:reference")
