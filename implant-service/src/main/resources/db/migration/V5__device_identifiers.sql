-- Issue 15: the implanted devices' identifiers for FHIR Device (lot, expiry, UDI), and the intrathecal catheter
-- implanted with the pump. All optional: cases completed before, and notes that do not give them, keep nulls.
alter table implant_case
    add column device_lot_number       text,
    add column device_expires_on       date,
    add column device_udi              text,
    add column catheter_manufacturer   text,
    add column catheter_model          text,
    add column catheter_serial         text,
    add column catheter_lot_number     text,
    add column catheter_expires_on     date,
    add column catheter_udi            text;
