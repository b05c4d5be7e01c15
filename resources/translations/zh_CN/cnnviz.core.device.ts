<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.device</name>
    <message>
      <location filename="cnnviz/core/device.py" />
      <source>unknown device '{device}'; use auto, cpu, cuda, cuda:N or mps</source>
      <translation>未知的设备 '{device}'；请使用 auto、cpu、cuda、cuda:N 或 mps</translation>
    </message>
    <message>
      <location filename="cnnviz/core/device.py" />
      <source>device '{device}' requested but CUDA is not available on this machine</source>
      <translation>请求了设备 '{device}'，但这台机器上没有可用的 CUDA</translation>
    </message>
    <message>
      <location filename="cnnviz/core/device.py" />
      <source>device '{device}' does not exist; this machine has {count} CUDA device(s)</source>
      <translation>设备 '{device}' 不存在；这台机器有 {count} 个 CUDA 设备</translation>
    </message>
    <message>
      <location filename="cnnviz/core/device.py" />
      <source>device 'mps' requested but Apple's MPS backend is not available here</source>
      <translation>请求了设备 'mps'，但这里没有可用的 Apple MPS 后端</translation>
    </message>
  </context>
</TS>
