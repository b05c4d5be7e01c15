<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.training.loop</name>
    <message>
      <location filename="cnnviz/core/training/loop.py" />
      <source>cannot fit {model} to {count} classes: its classifier is not a linear layer; train it from scratch with --weights none</source>
      <translation>无法让 {model} 适配 {count} 个类别：它的分类器不是线性层；请用 --weights none 从零训练</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/loop.py" />
      <source>train needs a torch.nn.Module, not {type}</source>
      <translation>训练需要 torch.nn.Module，而不是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/loop.py" />
      <source>the model does not accept {dataset} images of shape {shape}: {why}</source>
      <translation>模型不接受形状为 {shape} 的 {dataset} 图像：{why}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/loop.py" />
      <source>the model does not accept the images of shape {shape}: {why}</source>
      <translation>模型不接受形状为 {shape} 的图像：{why}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/loop.py" />
      <source>the model has {outputs} outputs but the dataset has {classes} classes; build it with as many outputs as classes</source>
      <translation>模型有 {outputs} 个输出，但数据集有 {classes} 个类别；请让模型的输出数与类别数相同</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/loop.py" />
      <source>the loss became {value} at step {step} (epoch {epoch}); training stopped. The learning rate ({lr}) is probably too high</source>
      <translation>损失在第 {step} 步（第 {epoch} 轮）变成了 {value}；训练已停止。学习率（{lr}）可能太高了</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/loop.py" />
      <source>the validation loss became {value} after step {step} (epoch {epoch}); training stopped. The learning rate ({lr}) is probably too high</source>
      <translation>验证损失在第 {step} 步之后（第 {epoch} 轮）变成了 {value}；训练已停止。学习率（{lr}）可能太高了</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/loop.py" />
      <source>stopped after step {step}</source>
      <translation>在第 {step} 步后停止</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/loop.py" />
      <source>finished {step} steps</source>
      <translation>已完成 {step} 步</translation>
    </message>
  </context>
</TS>
