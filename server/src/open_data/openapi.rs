//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of the open-data API.

use axum::Json;
use serde_json::{Value, json};

fn string() -> Value {
    json!({"type": "string"})
}
/// Text a client sends: any string without a NUL (refused with 400 everywhere).
fn text() -> Value {
    json!({"type": "string", "pattern": "^[^\\x00]*$"})
}
fn date_time() -> Value {
    json!({"type": "string", "format": "date-time"})
}
fn nullable(t: &str) -> Value {
    json!({"type": [t, "null"]})
}
fn array_of(r: &str) -> Value {
    json!({"type": "array", "items": {"$ref": format!("#/components/schemas/{r}")}})
}
fn csv_or_json(schema: Value) -> Value {
    json!({
        "application/json": {"schema": schema},
        "text/csv": {"schema": {"type": "string"}}
    })
}
/// An error answer: `{"error": "<what is wrong>"}`.
fn error(description: &str) -> Value {
    json!({"description": description,
           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}
fn id_param() -> Value {
    json!({"name": "id", "in": "path", "required": true,
           "schema": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 2147483647}})
}
fn page_param(description: &str) -> Value {
    json!({"name": "page", "in": "query", "required": false, "description": description,
           "schema": {"type": "integer", "minimum": 1, "maximum": 1000000}})
}
fn per_page_param() -> Value {
    json!({"name": "per_page", "in": "query", "required": false, "description": "Items a page (default 100)",
           "schema": {"type": "integer", "minimum": 1, "maximum": 500}})
}
fn format_param() -> Value {
    json!({"name": "format", "in": "query", "required": false,
           "description": "`csv` for CSV instead of JSON (an `Accept: text/csv` header does the same).",
           "schema": {"type": "string", "enum": ["json", "csv"]}})
}

/// The document, built once per request (it is small).
pub fn document() -> Value {
    let initiative_status = json!({"type": "string", "enum": ["collecting", "expired", "submitted", "referred", "decided", "not_treated"]});
    let hearing_status = json!({"type": "string", "enum": ["scheduled", "open", "closed", "concluded", "cancelled"]});
    // As a filter: a status, `all`, or empty (the same as `all`).
    let filter = |statuses: &Value| {
        let mut e = vec![json!("all"), json!("")];
        e.extend(statuses["enum"].as_array().cloned().unwrap_or_default());
        json!({"type": "string", "enum": e})
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Innspill open data",
            "version": "1",
            "description": "Public information from Innspill: organisations, hearings (høringer) with their published submissions, citizen initiatives (innbyggerforslag) with their signature counts, and surveys with their published results (aggregates only, small figures left out). Never contains email addresses, national identity numbers, unpublished submissions, who signed or any one person's answers."
        },
        "paths": {
            "/api/v1/organisations": {"get": {
                "summary": "Every organisation with its political bodies",
                "responses": {"200": {"description": "Organisations", "content": {"application/json": {"schema": array_of("Organisation")}}}}
            }},
            "/api/v1/hearings": {"get": {
                "summary": "Public hearings (never drafts)",
                "parameters": [
                    {"name": "organisation", "in": "query", "required": false, "description": "The organisation's slug", "schema": text()},
                    {"name": "status", "in": "query", "required": false, "description": "A status, or `all` (the default)", "schema": filter(&hearing_status)},
                    {"name": "q", "in": "query", "required": false, "description": "Words in the title or summary", "schema": text()},
                    page_param("The page (from 1)"),
                    per_page_param(),
                    format_param()
                ],
                "responses": {
                    "200": {"description": "Hearings; the header `X-Total-Count` tells how many match in all",
                            "content": csv_or_json(array_of("Hearing"))},
                    "400": error("An unknown status or format, or a page out of range")
                }
            }},
            "/api/v1/hearings/{id}": {"get": {
                "summary": "One hearing with its published submissions (redacted ones as their public copy)",
                "parameters": [
                    id_param(),
                    page_param("The page of published submissions (50 a page; JSON only, CSV has them all)"),
                    format_param()
                ],
                "responses": {
                    "200": {"description": "The hearing (as CSV: its submissions, one row each)",
                            "content": csv_or_json(json!({"$ref": "#/components/schemas/HearingDetail"}))},
                    "400": error("An id that is not a whole number, an unknown format, or a page out of range"),
                    "404": error("No such public hearing")
                }
            }},
            "/api/v1/initiatives": {"get": {
                "summary": "Public citizen initiatives (past screening)",
                "parameters": [
                    {"name": "organisation", "in": "query", "required": false, "description": "The organisation's slug", "schema": text()},
                    {"name": "status", "in": "query", "required": false, "description": "A status, or `all` (the default)", "schema": filter(&initiative_status)},
                    {"name": "q", "in": "query", "required": false, "description": "Words in the title or the ask", "schema": text()},
                    page_param("The page (from 1)"),
                    per_page_param(),
                    format_param()
                ],
                "responses": {
                    "200": {"description": "Initiatives; `X-Total-Count` tells how many match in all", "content": csv_or_json(array_of("Initiative"))},
                    "400": error("An unknown status or format, or a page out of range")
                }
            }},
            "/api/v1/initiatives/{id}": {"get": {
                "summary": "One public initiative with its counts",
                "parameters": [id_param(), format_param()],
                "responses": {
                    "200": {"description": "The initiative", "content": csv_or_json(json!({"$ref": "#/components/schemas/InitiativeDetail"}))},
                    "400": error("An id that is not a whole number, or an unknown format"),
                    "404": error("No such public initiative")
                }
            }},
            "/api/v1/organisations/{slug}/initiatives.atom": {"get": {
                "summary": "Atom feed of an organisation's initiatives, newest first",
                "parameters": [{"name": "slug", "in": "path", "required": true, "schema": text()}],
                "responses": {
                    "200": {"description": "An Atom feed", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                    "404": error("No such organisation")
                }
            }},
            "/api/v1/surveys": {"get": {
                "summary": "Surveys open for answers or with published results, newest first",
                "parameters": [
                    {"name": "organisation", "in": "query", "required": false, "description": "An organisation's slug", "schema": text()},
                    format_param()
                ],
                "responses": {
                    "200": {"description": "Surveys", "content": csv_or_json(array_of("Survey"))},
                    "400": error("An unknown format"),
                    "404": error("No such organisation")
                }
            }},
            "/api/v1/surveys/{id}/results": {"get": {
                "summary": "A survey's published results: per question the counts and percentages of each answer, every figure on fewer than `min_cell` answers left out (null), so that none can be worked out",
                "parameters": [id_param(), format_param()],
                "responses": {
                    "200": {"description": "The results (CSV: one row per answer)", "content": csv_or_json(json!({"$ref": "#/components/schemas/SurveyResults"}))},
                    "400": error("An id that is not a whole number, or an unknown format"),
                    "404": error("No such survey, or its results are not published")
                }
            }},
            "/api/v1/events.atom": {"get": {
                "summary": "Atom feed of the events of public hearings or initiatives (opened, deadline extended, closed, decided, …), in one organisation or all, newest first",
                "parameters": [
                    {"name": "kind", "in": "query", "required": true, "schema": {"type": "string", "enum": ["hearing", "initiative"]}},
                    {"name": "organisation", "in": "query", "required": false, "schema": text()}
                ],
                "responses": {
                    "200": {"description": "An Atom feed", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                    "400": error("A kind that is not hearing or initiative"),
                    "404": error("No such organisation")
                }
            }},
            "/api/v1/hearings/{id}/events.atom": {"get": {
                "summary": "Atom feed of one public hearing's events, newest first",
                "parameters": [id_param()],
                "responses": {
                    "200": {"description": "An Atom feed", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                    "400": error("An id that is not a whole number"),
                    "404": error("No such public hearing")
                }
            }},
            "/api/v1/initiatives/{id}/events.atom": {"get": {
                "summary": "Atom feed of one public initiative's events, newest first",
                "parameters": [id_param()],
                "responses": {
                    "200": {"description": "An Atom feed", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                    "400": error("An id that is not a whole number"),
                    "404": error("No such public initiative")
                }
            }},
            "/api/v1/organisations/{slug}/hearings.atom": {"get": {
                "summary": "Atom feed of an organisation's hearings, newest first",
                "parameters": [{"name": "slug", "in": "path", "required": true, "schema": text()}],
                "responses": {
                    "200": {"description": "An Atom feed", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                    "404": error("No such organisation")
                }
            }}
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error"], "properties": {"error": string()}},
            "Organisation": {"type": "object", "required": ["slug", "name", "kind", "kommunenummer", "population", "population_date", "bodies"],
                "properties": {
                    "slug": string(), "name": string(),
                    "kind": {"type": "string", "enum": ["municipality", "county"]},
                    "kommunenummer": string(), "population": {"type": "integer"},
                    "population_date": {"type": "string", "format": "date"},
                    "bodies": {"type": "array", "items": {"type": "object", "properties": {"name": string(), "kind": string()}}}
                }},
            "Hearing": {"type": "object", "required": ["id", "organisation", "title", "status", "opens_at", "deadline"],
                "properties": {
                    "id": {"type": "integer"}, "organisation": {"type": "string", "description": "The organisation's slug"},
                    "organisation_name": string(), "title": string(), "summary": string(),
                    "status": hearing_status, "opens_at": date_time(), "deadline": date_time(), "url": string()
                }},
            "HearingDetail": {"type": "object", "required": ["id", "organisation", "title", "status", "opens_at", "deadline", "submissions"],
                "properties": {
                    "id": {"type": "integer"}, "organisation": string(), "title": string(), "summary": string(),
                    "body_html": string(), "status": hearing_status, "case_number": nullable("string"),
                    "opens_at": date_time(), "deadline": date_time(), "original_deadline": nullable("string"),
                    "short_deadline_reason": nullable("string"), "outcome": nullable("string"), "decision_url": nullable("string"),
                    "url": string(),
                    "documents": {"type": "array", "items": {"type": "object", "properties": {"title": string(), "file_name": string(), "size_bytes": {"type": "integer"}, "url": string()}}},
                    "sections": {"type": "array", "items": {"type": "object", "properties": {"number": {"type": "integer"}, "title": string(), "body": string()}}},
                    "consultees": {"type": "array", "items": {"type": "object", "properties": {"name": string(), "org_number": nullable("string")}}},
                    "submission_count": {"type": "integer", "description": "All published submissions"},
                    "submission_page": {"type": "integer"}, "submission_pages": {"type": "integer"},
                    "submissions": array_of("Submission")
                }},
            "Initiative": {"type": "object",
                "required": ["id", "organisation", "title", "status", "signature_count", "threshold", "collection_ends", "submitted_at", "decision_due", "outcome"],
                "properties": {
                    "id": {"type": "integer"}, "organisation": {"type": "string", "description": "The organisation's slug"},
                    "organisation_name": string(), "title": string(), "status": initiative_status,
                    "signature_count": {"type": "integer", "description": "Online and paper signatures together"},
                    "threshold": {"type": "integer", "description": "Signatures for the council to have to decide it (kommuneloven § 12-1)"},
                    "collection_ends": {"type": "string", "format": "date"},
                    "submitted_at": nullable("string"), "decision_due": nullable("string"), "outcome": nullable("string"), "url": string()
                }},
            "InitiativeDetail": {"allOf": [{"$ref": "#/components/schemas/Initiative"}, {"type": "object", "properties": {
                "ask": string(), "justification": string(),
                "online_signatures": {"type": "integer"}, "paper_signatures": {"type": "integer"},
                "published_at": nullable("string"), "outcome_date": nullable("string"), "minutes_url": nullable("string")
            }}]},
            "Survey": {"type": "object",
                "required": ["id", "organisation", "organisation_name", "title", "status", "results_published", "url", "results_url"],
                "properties": {
                    "id": {"type": "integer"}, "organisation": {"type": "string", "description": "The organisation's slug"},
                    "organisation_name": string(), "title": string(),
                    "status": {"type": "string", "enum": ["open", "closed"]},
                    "results_published": {"type": "boolean"}, "url": string(), "results_url": nullable("string")
                }},
            "SurveyResults": {"type": "object",
                "required": ["id", "organisation", "title", "status", "responses", "min_cell", "weighted", "questions"],
                "properties": {
                    "id": {"type": "integer"}, "organisation": string(), "title": string(),
                    "status": {"type": "string", "enum": ["open", "closed"]},
                    "opened_at": nullable("string"), "closed_at": nullable("string"),
                    "responses": {"type": "integer", "description": "Responses sent"},
                    "min_cell": {"type": "integer", "description": "No published figure rests on fewer answers"},
                    "weighted": {"type": "boolean", "description": "Whether percentages are weighted to the population (panel surveys)"},
                    "weighting": {"type": ["object", "null"], "description": "How a panel survey's respondents were weighted: raking to the population's margins by age band, gender and district, with trimming",
                        "required": ["respondents", "district_kind", "iterations", "converged", "max_error", "trim", "trimmed", "design_effect", "effective_n", "margin_of_error"],
                        "properties": {
                            "respondents": {"type": "integer"},
                            "district_kind": {"type": "string", "enum": ["bydel", "skolekrets", "grunnkrets"]},
                            "population_as_of": {"type": ["string", "null"], "format": "date", "description": "The date of the population figures; null: a synthetic population (outside production)"},
                            "iterations": {"type": "integer", "description": "Raking sweeps over the margins"},
                            "converged": {"type": "boolean", "description": "Whether every margin was met within the tolerance"},
                            "max_error": {"type": "number", "description": "The largest distance, in percentage points, between a margin and its weighted share"},
                            "trim": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2, "description": "Bounds on a weight, relative to the average"},
                            "trimmed": {"type": "integer", "description": "Respondents whose weight a bound held"},
                            "design_effect": {"type": "number", "description": "Kish's design effect of the weights"},
                            "effective_n": {"type": "number", "description": "The effective number of respondents"},
                            "margin_of_error": {"type": "number", "description": "The 95 % margin of error, in percentage points, of a weighted share of 50 %"}
                        }},
                    "questions": {"type": "array", "items": {"type": "object",
                        "required": ["id", "text", "kind", "tables"],
                        "properties": {
                            "id": {"type": "integer"}, "text": string(),
                            "kind": {"type": "string", "enum": ["single", "multiple", "scale", "matrix", "ranking", "number", "short", "long"]},
                            "tables": {"type": "array", "items": {"type": "object",
                                "required": ["n", "rows", "several_each"],
                                "properties": {
                                    "title": nullable("string"),
                                    "n": {"type": ["integer", "null"], "description": "How many answered; null when fewer than min_cell"},
                                    "mean": nullable("number"), "median": nullable("number"),
                                    "weighted_mean": {"type": ["object", "null"], "description": "The weighted mean and its 95 % margin of error (panel surveys)", "properties": {"value": {"type": "number"}, "margin_of_error": {"type": "number"}}},
                                    "several_each": {"type": "boolean", "description": "Each could choose several: percentages add up to more than 100"},
                                    "rows": {"type": "array", "items": {"type": "object",
                                        "required": ["label", "count", "percent"],
                                        "properties": {
                                            "label": string(),
                                            "count": {"type": ["integer", "null"]},
                                            "percent": nullable("number"),
                                            "weighted": {"type": ["object", "null"], "description": "The weighted percentage and its 95 % margin of error in percentage points (panel surveys; null where the count is hidden)", "properties": {"value": {"type": "number"}, "margin_of_error": {"type": "number"}}}
                                        }}}
                                }}}
                        }}}
                }},
            "Submission": {"type": "object", "required": ["reference", "submitter", "submitter_kind", "received_at"],
                "properties": {
                    "reference": string(),
                    "submitter": {"type": "string", "description": "The organisation, or the person if they agreed to be named, else \"Privatperson\""},
                    "submitter_kind": {"type": "string", "enum": ["private", "organisation"]},
                    "received_at": date_time(), "general_comment": string(),
                    "comments": {"type": "array", "items": {"type": "object", "properties": {"section_number": {"type": "integer"}, "section_title": string(), "text": string()}}},
                    "attachments": {"type": "array", "items": {"type": "object", "properties": {"file_name": string(), "url": string()}}},
                    "redacted": {"type": "boolean"}
                }}
        }}
    })
}

pub async fn openapi() -> Json<Value> {
    Json(document())
}
