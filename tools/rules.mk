# Host tools.  risu-trace: show and verify trace files.
include runner/trace.mk

$(BUILD)/risu-trace: $(BUILD)/host/tools/risu-trace.o $(TRACE_HOST_OBJS)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(TRACE_HOST_LIBS)

HOST_TOOLS += $(BUILD)/risu-trace
