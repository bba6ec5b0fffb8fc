package org.itpump.hello;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The whole app: the benchmark times its start to the first 200 of GET /hello and reads its memory. */
@Path("/hello")
public class Hello {

    /** Always "hello". */
    @GET
    public String hello() {
        return "hello";
    }
}
