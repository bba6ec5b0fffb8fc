#!/usr/bin/env python3
"""Writes asyncapi.yaml from schemas/*.json and the channel table below.

Run after adding or changing an event schema or a topic:  python3 contracts/generate_asyncapi.py
The chassis reads asyncapi.yaml at run time (type -> topic -> schema); EventContractsTest checks that every
schema has its place in it.
"""
import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# channel id: (topic, producing service, description)
TOPICS = {
    "trialEvents": ("itpump.trial.events", "trial-service", "Trial lifecycle (start, assessments, dose override, decision, cancellation)."),
    "implantEvents": ("itpump.implant.events", "implant-service", "Implant case lifecycle (opened, theatre bookings as HL7 SIU would carry them, completion, explant)."),
    "dosingEvents": ("itpump.dosing.events", "dosing-service", "Pump therapy and dosing facts."),
    "followupEvents": ("itpump.followup.events", "followup-service", "Post-operative monitoring facts."),
    "auditEvents": ("itpump.audit.events", "audit", "FHIR AuditEvents of every API call, from every service."),
}
# Standard messages for hospital integration engines (issue 15), written by integration-gateway: not CloudEvents and
# not pathway events (no outbox event type, no JSON Schema here; HAPI builds and validates them in the gateway).
# channel id: (topic, producing service, description, message id)
INTEGRATION_TOPICS = {
    "integrationHl7v2": ("itpump.integration.hl7v2", "integration-gateway",
                         "HL7 v2.5.1 SIU messages (S12 new booking, S13 reschedule, S14 modification, S15 cancellation) as"
                         " ER7 text, the same messages the gateway delivers over MLLP, for engines that read Kafka.",
                         "hl7v2Siu"),
    "integrationFhirR4": ("itpump.integration.fhir-r4", "integration-gateway",
                          "FHIR R4 resources (Appointment, Procedure, Device, MedicationRequest, Observation, CarePlan, Flag, AuditEvent) as FHIR JSON, each new version of a resource"
                          " once (keyed by the pathway id, an AuditEvent by its own id); the gateway also serves them read-only at /fhir/r4.",
                          "fhirR4Resource"),
}
# integration message id: (content type, headers beside content-type, payload description)
INTEGRATION_MESSAGES = {
    "hl7v2Siu": ("x-application/hl7-v2+er7; version=2.5.1",
                 [("hl7-control-id", "MSH-10, the message control id (also the MLLP ACK's MSA-2).")],
                 "One SIU^S12/S13/S14/S15 message in ER7 (segments separated by carriage returns)."),
    "fhirR4Resource": ("application/fhir+json; fhirVersion=4.0",
                       [("fhir-resource", "{type}/{id}/_history/{version}: which resource, which version.")],
                       "One FHIR R4 resource as JSON."),
}
# dead-letter channel id: (topic, consuming service)
DEAD_LETTERS = {
    "trialDeadLetters": ("itpump.trial-service.dlq", "trial-service"),
    "implantDeadLetters": ("itpump.implant-service.dlq", "implant-service"),
    "dosingDeadLetters": ("itpump.dosing-service.dlq", "dosing-service"),
    "followupDeadLetters": ("itpump.followup-service.dlq", "followup-service"),
    "opsConsoleDeadLetters": ("itpump.ops-console.dlq", "ops-console"),
    "integrationGatewayDeadLetters": ("itpump.integration-gateway.dlq", "integration-gateway"),
}
# service: channels it consumes
CONSUMES = {
    "trial-service": ["dosingEvents"],
    "implant-service": ["trialEvents"],
    "dosing-service": ["trialEvents", "implantEvents"],
    "followup-service": ["implantEvents", "dosingEvents"],
    # the ops board's read model: every pathway topic, and the services' dead letters (worklist, metadata only)
    "ops-console": ["trialEvents", "implantEvents", "dosingEvents", "followupEvents", "trialDeadLetters",
                    "implantDeadLetters", "dosingDeadLetters", "followupDeadLetters"],
    # and the audit topic: the services' AuditEvents naming a patient, served and republished as FHIR (issue 15)
    "integration-gateway": ["trialEvents", "implantEvents", "dosingEvents", "followupEvents", "auditEvents"],
}
CLOUD_EVENT_HEADERS = [
    ("ce_id", "Unique event id; consumers deduplicate on it."),
    ("ce_type", "Event type, e.g. trial.passed."),
    ("ce_source", "URI of the producing service, e.g. urn:itpump:trial-service."),
    ("ce_specversion", "Always 1.0."),
    ("ce_time", "When the fact happened (RFC 3339)."),
    ("ce_subject", "The pathway id."),
    ("content-type", "application/json"),
]


def camel(event_type):
    service, fact = event_type.split(".")
    parts = [service] + fact.split("-")
    return parts[0] + "".join(p.capitalize() for p in parts[1:])


def camel_service(service):
    """trial-service -> trial, ops-console -> opsConsole, integration-gateway -> integrationGateway"""
    parts = [p for p in service.split("-") if p != "service"]
    return parts[0] + "".join(p.capitalize() for p in parts[1:])


def cap(name):
    return name[0].upper() + name[1:]


def main():
    types = sorted(os.path.basename(f)[:-5] for f in glob.glob(os.path.join(HERE, "schemas", "*.json")))
    out = []
    w = out.append
    w("# Generated by generate_asyncapi.py from schemas/ and its channel table: edit those, then run it.")
    w("asyncapi: 3.0.0")
    w("info:")
    w("  title: Intrathecal pump pathway events")
    w("  version: 0.2.0")
    w("  description: |")
    w("    Every event is a CloudEvents 1.0 record in Kafka binary mode: headers ce_id, ce_type, ce_source,")
    w("    ce_specversion (1.0), ce_time, ce_subject (the pathway id) and content-type application/json.")
    w("    The record key is the pathway id, so one patient's pathway stays ordered within a topic.")
    w("    Payloads carry an opaque patient reference, never names or other direct identifiers.")
    w("    Consumers are tolerant readers: producers may add properties; required ones never disappear.")
    w("    A dead letter published again after a fix (a redrive by ops) keeps its key, value, ce_id and other headers")
    w("    and adds itpump-redrive-of (<dlq>@<partition>:<offset>): readers de-duplicate on ce_source and ce_id.")
    w("defaultContentType: application/json")
    w("channels:")
    for channel, (topic, service, description) in TOPICS.items():
        w(f"  {channel}:")
        w(f"    address: {topic}")
        publisher = "every service" if service == "audit" else service
        w(f"    description: {description} Published by {publisher} through its transactional outbox.")
        if service != "audit":
            # consumers refuse a record on this topic whose ce_source is any other (a forged or misrouted event)
            w(f"    x-itpump-source: urn:itpump:{service}")
        w("    messages:")
        for t in types:
            if t.startswith(service.split("-")[0] + "."):
                w(f"      {camel(t)}:")
                w(f"        $ref: '#/components/messages/{camel(t)}'")
    for channel, (topic, service, description, message) in INTEGRATION_TOPICS.items():
        w(f"  {channel}:")
        w(f"    address: {topic}")
        w(f"    description: {description} Published by {service}; key the pathway id (one pathway's messages in order).")
        w("    messages:")
        w(f"      {message}:")
        w(f"        $ref: '#/components/messages/{message}'")
    for channel, (topic, service) in DEAD_LETTERS.items():
        w(f"  {channel}:")
        w(f"    address: {topic}")
        w(f"    description: Events {service} could not accept (unparseable, failing their schema, unknown type,"
          f" refused by a clinical rule), with headers dead-letter-reason, dead-letter-topic,"
          f" dead-letter-partition and dead-letter-offset. Ops may publish one again to its original topic"
          f" (POST /dead-letters/redrive of {service}).")
        w("    messages:")
        w("      deadLetter:")
        w("        $ref: '#/components/messages/deadLetter'")
    w("operations:")
    for channel, (topic, service, _) in TOPICS.items():
        w(f"  publish{cap(channel)}:")
        w("    action: send")
        w("    channel:")
        w(f"      $ref: '#/channels/{channel}'")
    for channel in INTEGRATION_TOPICS:
        w(f"  publish{cap(channel)}:")
        w("    action: send")
        w("    channel:")
        w(f"      $ref: '#/channels/{channel}'")
    for service, channels in CONSUMES.items():
        for channel in channels:
            w(f"  {camel_service(service)}Consumes{cap(channel)}:")
            w("    action: receive")
            w(f"    description: {service} consumes this channel.")
            w("    channel:")
            w(f"      $ref: '#/channels/{channel}'")
    for channel in DEAD_LETTERS:
        w(f"  publish{cap(channel)}:")
        w("    action: send")
        w("    channel:")
        w(f"      $ref: '#/channels/{channel}'")
    w("components:")
    w("  messageTraits:")
    w("    cloudEvent:")
    w("      headers:")
    w("        type: object")
    w("        required: [" + ", ".join(h for h, _ in CLOUD_EVENT_HEADERS) + "]")
    w("        properties:")
    for header, description in CLOUD_EVENT_HEADERS:
        w(f"          {header}:")
        w("            type: string")
        w(f"            description: {description}")
    w("  messages:")
    for t in types:
        schema = json.load(open(os.path.join(HERE, "schemas", t + ".json")))
        w(f"    {camel(t)}:")
        w(f"      name: {t}")
        w(f"      title: {t}")
        w(f"      summary: {json.dumps(schema['description'])}")
        w("      contentType: application/json")
        w("      traits:")
        w("        - $ref: '#/components/messageTraits/cloudEvent'")
        w("      payload:")
        w("        schemaFormat: application/schema+json;version=draft-2020-12")
        w("        schema:")
        w(f"          $ref: './schemas/{t}.json'")
    for message, (content_type, headers, payload) in INTEGRATION_MESSAGES.items():
        w(f"    {message}:")
        w(f"      name: {message}")
        w(f"      contentType: {json.dumps(content_type)}")
        w("      headers:")
        w("        type: object")
        w("        properties:")
        w("          content-type:")
        w("            type: string")
        w(f"            const: {json.dumps(content_type)}")
        for header, description in headers:
            w(f"          {header}:")
            w("            type: string")
            w(f"            description: {json.dumps(description)}")
        w("      payload:")
        w("        type: string")
        w(f"        description: {json.dumps(payload)}")
    w("    deadLetter:")
    w("      name: dead-letter")
    w("      summary: The original record value and key, unchanged, with the reason it was refused.")
    w("      headers:")
    w("        type: object")
    w("        properties:")
    for header in ["dead-letter-reason", "dead-letter-cause", "dead-letter-topic", "dead-letter-partition",
                   "dead-letter-offset"]:
        w(f"          {header}:")
        w("            type: string")
    w("      payload:")
    w("        description: The refused record value as it arrived.")
    with open(os.path.join(HERE, "asyncapi.yaml"), "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
