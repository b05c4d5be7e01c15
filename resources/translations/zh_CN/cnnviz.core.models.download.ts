<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.models.download</name>
    <message>
      <location filename="cnnviz/core/models/download.py" />
      <source>cannot write to {folder}: {reason}</source>
      <translation>无法写入 {folder}：{reason}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/download.py" />
      <source>download cancelled</source>
      <translation>下载已取消</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/download.py" />
      <source>could not download {url}: HTTP {code} {reason}</source>
      <translation>无法下载 {url}：HTTP {code} {reason}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/download.py" />
      <source>could not download {url}: {reason}</source>
      <translation>无法下载 {url}：{reason}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/download.py" />
      <source>could not download {url}: connection closed after {done} of {total} bytes</source>
      <translation>无法下载 {url}：已下载 {done} / {total} 字节时连接被关闭</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/download.py" />
      <source>could not download {url}: the file is corrupted (SHA-256 {digest}..., expected {expected}...)</source>
      <translation>无法下载 {url}：文件已损坏（SHA-256 为 {digest}…，应为 {expected}…）</translation>
    </message>
  </context>
</TS>
